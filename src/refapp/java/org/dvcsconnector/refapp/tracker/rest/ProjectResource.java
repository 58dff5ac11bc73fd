package org.dvcsconnector.refapp.tracker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.dvcsconnector.refapp.tracker.IssueActions;

/** {@code GET /rest/api/2/project}: the projects the caller may browse. */
@Path("project")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final Caller caller;
    private final IssueActions actions;
    private final JiraJsonMapper json;

    ProjectResource(Caller caller, IssueActions actions, JiraJsonMapper json) {
        this.caller = caller;
        this.actions = actions;
        this.json = json;
    }

    @GET
    public List<JiraJson.ProjectRef> list(@Context UriInfo uri) {
        String user = caller.require().username();
        return actions.browsableProjects(user).stream().map(p -> json.project(p, uri)).toList();
    }
}
