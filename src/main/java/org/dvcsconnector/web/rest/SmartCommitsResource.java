package org.dvcsconnector.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.dvcsconnector.devevent.ActionView;
import org.dvcsconnector.trigger.TriggerAdmin;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/smartcommits/errors}: the newest failed smart-commit commands, for admins. */
@Path("/smartcommits")
@Produces(MediaType.APPLICATION_JSON)
public class SmartCommitsResource {

    private final AccessGuard accessGuard;
    private final TriggerAdmin admin;

    public SmartCommitsResource(AccessGuard accessGuard, TriggerAdmin admin) {
        this.accessGuard = accessGuard;
        this.admin = admin;
    }

    @GET
    @Path("/errors")
    public List<ActionView> errors() {
        accessGuard.requireAdmin();
        return admin.smartCommitErrors();
    }
}
