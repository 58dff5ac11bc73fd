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

/**
 * {@code /rest/dvcs/1.0/triggers}: workflow trigger rules, the service user, strict mode, the transitions a rule may
 * name, and the trigger log, for admins.
 */
@Path("/triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggersResource {

    private static final Set<String> RULE_FIELDS = Set.of("project", "event", "transition", "strict");

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

    /** {@code {project, event, transition, strict?}} → 201 with the rule, or 400 naming each bad field. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(InputStream in) {
        accessGuard.requireAdmin();
        TriggerRules.Input input = rule(in);
        try {
            TriggerRule rule = triggers.add(input);
            return Response.created(URI.create("triggers/" + rule.id())).entity(rule).build();
        } catch (TriggerRules.InvalidRuleException e) {
            throw RestErrors.badRequest(e.errors());
        }
    }

    /** Replaces the rule: the same body and checks as a new one ({@code strict} absent is false); 404 if none. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TriggerRule update(@PathParam("id") String id, InputStream in) {
        accessGuard.requireAdmin();
        int ruleId = RestErrors.id(id);
        TriggerRules.Input input = rule(in);
        try {
            return triggers.update(ruleId, input)
                    .orElseThrow(() -> RestErrors.notFound("There is no trigger rule " + id + "."));
        } catch (TriggerRules.InvalidRuleException e) {
            throw RestErrors.badRequest(e.errors());
        }
    }

    private static TriggerRules.Input rule(InputStream in) {
        RestJson json = RestJson.object(in, RULE_FIELDS);
        TriggerRules.Input input = new TriggerRules.Input(json.string("project"), json.string("event"),
                json.string("transition"), Boolean.TRUE.equals(json.bool("strict")));
        json.check();
        return input;
    }

    /** The transition names a rule may name, per project key, and under {@code *} for a rule for all projects. */
    @GET
    @Path("/transitions")
    public Map<String, List<String>> transitions() {
        accessGuard.requireAdmin();
        return triggers.transitionsByProject();
    }

    /** {@code {strict}}: whether every rule fires only when the actor is a user here. */
    @GET
    @Path("/strict")
    public Map<String, Boolean> strict() {
        accessGuard.requireAdmin();
        return Map.of("strict", triggers.strict());
    }

    @PUT
    @Path("/strict")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> setStrict(InputStream in) {
        accessGuard.requireAdmin();
        RestJson json = RestJson.object(in, Set.of("strict"));
        Boolean strict = json.bool("strict");
        json.check();
        if (strict == null) {
            throw RestErrors.badRequest(Map.of("strict", "Say true or false."));
        }
        triggers.setStrict(strict);
        return strict();
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
