package org.dvcsconnector.refapp.tracker.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import org.dvcsconnector.refapp.tracker.Comment;
import org.dvcsconnector.refapp.tracker.IssueActions;

/** {@code /rest/api/2/issue/{key}/comment}. */
@Path("issue/{issueIdOrKey}/comment")
@Produces(MediaType.APPLICATION_JSON)
public class IssueCommentResource {

    private final Caller caller;
    private final IssueActions actions;
    private final JsonBodies bodies;
    private final JiraJsonMapper json;
    private final Clock clock;

    IssueCommentResource(Caller caller, IssueActions actions, JsonBodies bodies, JiraJsonMapper json, Clock clock) {
        this.caller = caller;
        this.actions = actions;
        this.bodies = bodies;
        this.json = json;
        this.clock = clock;
    }

    @GET
    public JiraJson.Comments list(@PathParam("issueIdOrKey") String keyOrId, @Context UriInfo uri) {
        String user = caller.require().username();
        return JiraJson.Comments.of(actions.comments(user, keyOrId).stream().map(c -> json.comment(c, uri)).toList());
    }

    /** {@code {body}} → 201 with the comment. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("issueIdOrKey") String keyOrId, InputStream body, @Context UriInfo uri) {
        String user = caller.require().username();
        String text = JsonBodies.text(bodies.object(body), "body", "comment");
        Comment comment = actions.addComment(user, keyOrId, text, clock.instant());
        JiraJson.CommentJson created = json.comment(comment, uri);
        return Response.created(URI.create(created.self())).entity(created).build();
    }
}
