package org.dvcsconnector.web.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.devevent.ActionView;
import org.dvcsconnector.trigger.TriggerAdmin;
import org.dvcsconnector.trigger.TriggerRule;
import org.dvcsconnector.trigger.TriggerRules;
import org.dvcsconnector.web.AccessGuard;

/** {@code /rest/dvcs/1.0/triggers}: workflow trigger rules, the service user and the trigger log, for admins. */
@Path("/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggersResource {

    /** A new rule. */
    public record RuleBody(String project, String event, String transition) {}

    /** The service user; blank clears it. */
    public record ServiceUserBody(String username) {}

    private final AccessGuard accessGuard;
    private final TriggerAdmin triggers;

    public TriggersResource(AccessGuard accessGuard, TriggerAdmin triggers) {
        this.accessGuard = accessGuard;
        this.triggers = triggers;
    }

    @GET
    public List<TriggerRule> list() {
        accessGuard.requireAdmin();
        return triggers.rules();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("project", "event", "transition"));
        RuleBody b = new RuleBody(json.string("project"), json.string("event"), json.string("transition"));
        json.check();
        try {
            TriggerRule rule = triggers.add(b.project(), b.event(), b.transition());
            return Response.created(URI.create("triggers/" + rule.id())).entity(rule).build();
        } catch (TriggerRules.InvalidRuleException e) {
            throw RestErrors.badRequest(e.errors());
        }
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        accessGuard.requireAdmin();
        if (!triggers.delete(RestErrors.id(id))) {
            throw RestErrors.notFound("There is no trigger rule " + id + ".");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/serviceuser")
    public Map<String, String> serviceUser() {
        accessGuard.requireAdmin();
        Map<String, String> body = new HashMap<>();
        body.put("username", triggers.serviceUser().orElse(null));
        return body;
    }

    @PUT
    @Path("/serviceuser")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> setServiceUser(InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("username"));
        String username = json.string("username");
        json.check();
        if (!triggers.setServiceUser(username)) {
            throw RestErrors.badRequest(Map.of("username", "There is no user " + username + "."));
        }
        return serviceUser();
    }

    /** The newest trigger outcomes: event, issue, transition, outcome, reason. */
    @GET
    @Path("/log")
    public List<ActionView> log() {
        accessGuard.requireAdmin();
        return triggers.log();
    }
}
