package org.dvcsconnector.refapp.tracker.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET /rest/api/2/myself}. */
@Path("myself")
@Produces(MediaType.APPLICATION_JSON)
public class MyselfResource {

    private final Caller caller;
    private final JiraJsonMapper json;

    MyselfResource(Caller caller, JiraJsonMapper json) {
        this.caller = caller;
        this.json = json;
    }

    @GET
    public JiraJson.Myself get(@Context UriInfo uri) {
        return json.myself(caller.require(), uri);
    }
}
