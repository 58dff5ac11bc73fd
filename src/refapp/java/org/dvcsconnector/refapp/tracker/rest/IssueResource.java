package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import org.dvcsconnector.refapp.tracker.Issue;
import org.dvcsconnector.refapp.tracker.IssueActions;
import org.dvcsconnector.refapp.tracker.ProjectStore;

/**
 * {@code /rest/api/2/issue}: create, read, and the workflow transitions. JSON-only POSTs (415 otherwise)
 * are what keeps cross-site form posts out, as in Jira.
 */
@Path("issue")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    private final Caller caller;
    private final IssueActions actions;
    private final ProjectStore projects;
    private final JsonBodies bodies;
    private final JiraJsonMapper json;

    IssueResource(Caller caller, IssueActions actions, ProjectStore projects, JsonBodies bodies, JiraJsonMapper json) {
        this.caller = caller;
        this.actions = actions;
        this.projects = projects;
        this.bodies = bodies;
        this.json = json;
    }

    /** {@code {fields:{project:{key|id}, summary, description?, issuetype?}}} → 201 {@code {id, key, self}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        String user = caller.require().username();
        JsonNode fields = JsonBodies.object(bodies.object(body), "fields", "fields");
        if (fields == null) {
            throw RestException.badRequest("The request must have a 'fields' object.");
        }
        Issue issue = actions.create(user, projectKey(fields), JsonBodies.text(fields, "summary", "summary"),
                JsonBodies.text(fields, "description", "description"));
        JiraJson.CreatedIssue created = json.created(issue, uri);
        return Response.created(URI.create(created.self())).entity(created).build();
    }

    /** The project's key from {@code project.key} or, as Jira allows, {@code project.id}. */
    private String projectKey(JsonNode fields) {
        JsonNode project = JsonBodies.object(fields, "project", "project");
        String key = JsonBodies.text(project, "key", "project");
        String id = JsonBodies.idText(project, "id", "project");
        if (key == null && id != null) {
            // An unknown id becomes an impossible key so that it is reported like an unknown key.
            return id.matches("\\d{1,18}") ? projects.find(Long.parseLong(id)).map(p -> p.key()).orElse("?") : "?";
        }
        return key;
    }

    @GET
    @Path("{issueIdOrKey}")
    public JiraJson.IssueJson get(@PathParam("issueIdOrKey") String keyOrId, @QueryParam("expand") String expand,
            @Context UriInfo uri) {
        String user = caller.require().username();
        boolean changelog = expand != null && java.util.Arrays.asList(expand.split(",")).contains("changelog");
        return actions.details(user, keyOrId).map(d -> json.issue(d, uri, changelog))
                .orElseThrow(RestException::issueNotFound);
    }

    @GET
    @Path("{issueIdOrKey}/transitions")
    public JiraJson.Transitions transitions(@PathParam("issueIdOrKey") String keyOrId) {
        return json.transitions(actions.transitions(caller.require().username(), keyOrId));
    }

    /** {@code {transition:{id}}} → 204; 400 naming the available transitions when it does not apply. */
    @POST
    @Path("{issueIdOrKey}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transition(@PathParam("issueIdOrKey") String keyOrId, InputStream body) {
        String user = caller.require().username();
        JsonNode transition = JsonBodies.object(bodies.object(body), "transition", "transition");
        String id = JsonBodies.idText(transition, "id", "transition");
        if (id == null || id.isBlank()) {
            throw RestException.badRequest("The request must name a transition: {\"transition\":{\"id\":\"11\"}}.");
        }
        actions.transition(user, keyOrId, id, null);
        return Response.noContent().build();
    }
}
