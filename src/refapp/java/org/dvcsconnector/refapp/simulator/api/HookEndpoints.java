package org.dvcsconnector.refapp.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.oauth.Scopes;

/**
 * Repository webhooks, CRUD. The secret is write-only ({@code secret_set} tells whether there is one);
 * creating or changing a hook needs {@code webhook} plus the scope of every subscribed event, and repository
 * admin rights, as on Bitbucket.
 */
public final class HookEndpoints {

    /** The spec's {@code webhook_subscription.events} enum. */
    public static final Set<String> EVENTS = Set.of("issue:comment_created", "issue:created", "issue:updated",
            "pipeline:span_created", "project:updated", "pullrequest:approved", "pullrequest:changes_request_created",
            "pullrequest:changes_request_removed", "pullrequest:comment_created", "pullrequest:comment_deleted",
            "pullrequest:comment_reopened", "pullrequest:comment_resolved", "pullrequest:comment_updated",
            "pullrequest:created", "pullrequest:fulfilled", "pullrequest:push", "pullrequest:rejected",
            "pullrequest:unapproved", "pullrequest:updated", "repo:commit_comment_created",
            "repo:commit_status_created", "repo:commit_status_updated", "repo:created", "repo:deleted", "repo:fork",
            "repo:imported", "repo:push", "repo:transfer", "repo:updated");

    private final Store store;
    private final HookJson json;

    public HookEndpoints(Store store, HookJson json) {
        this.store = store;
        this.json = json;
    }

    public void list(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        List<Hook> hooks = List.copyOf(r.hooks());
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, hooks, Paging.MAX_PAGELEN,
                (gen, s, h) -> json.hook(gen, s, r, h)));
    }

    public void get(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        Hook h = find(r, ex.var(2));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> json.hook(new Gen(g, false), f, r, h));
    }

    public void create(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        JsonNode body = ex.json();
        String url = url(body.path("url"));
        List<String> events = events(body.path("events"), caller);
        String secret = body.hasNonNull("secret") ? text(body, "secret") : null;
        Hook hook = new Hook("{" + UUID.randomUUID() + "}", url, body.path("description").asText(""),
                !body.has("active") || body.path("active").asBoolean(true), secret, events, store.clock().instant());
        r.hooks().add(hook);
        ex.header("Location", new Links(ex.baseUrl()).repo(r) + "/hooks/" + hook.uuid().replace("{", "%7B").replace("}", "%7D"));
        ex.json(201, g -> json.hook(new Gen(g, false), Fields.DEFAULTS, r, hook));
    }

    public void update(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        Hook old = find(r, ex.var(2));
        JsonNode body = ex.json();
        String url = body.has("url") ? url(body.path("url")) : old.url();
        List<String> events = body.has("events") ? events(body.path("events"), caller) : old.events();
        String secret = !body.has("secret") ? old.secret() : body.get("secret").isNull() ? null : text(body, "secret");
        Hook hook = new Hook(old.uuid(), url, body.has("description") ? body.path("description").asText("") : old.description(),
                body.has("active") ? body.path("active").asBoolean(old.active()) : old.active(), secret, events,
                old.createdAt());
        synchronized (r) {
            int i = r.hooks().indexOf(old);
            if (i < 0) {
                throw HttpError.notFound("Webhook " + ex.var(2) + " not found");
            }
            r.hooks().set(i, hook);
        }
        ex.json(200, g -> json.hook(new Gen(g, false), Fields.DEFAULTS, r, hook));
    }

    public void delete(Exchange ex, Caller caller) {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        Hook h = find(r, ex.var(2));
        r.hooks().remove(h);
        ex.empty(204);
    }

    private static Hook find(Repository r, String uid) {
        String wanted = uid.startsWith("{") ? uid : "{" + uid + "}";
        return r.hooks().stream().filter(h -> h.uuid().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> HttpError.notFound("Webhook " + uid + " not found in " + r.fullName()));
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isTextual()) {
            throw HttpError.badRequest(field + ": expected a string");
        }
        if (field.equals("secret") && n.asText().length() > 128) {
            throw HttpError.badRequest("secret: at most 128 characters");
        }
        return n.asText();
    }

    private static String url(JsonNode node) {
        String url = node.asText("");
        try {
            URI uri = URI.create(url);
            if (uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw HttpError.badRequest("url: \"" + url + "\" is not a valid http(s) URL");
    }

    private static List<String> events(JsonNode node, Caller caller) {
        if (!node.isArray() || node.isEmpty()) {
            throw HttpError.badRequest("events: at least one event is required");
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode e : node) {
            if (!EVENTS.contains(e.asText())) {
                throw HttpError.badRequest("events: unknown event \"" + e.asText() + "\"");
            }
            events.add(e.asText());
        }
        for (String e : events) {
            ApiHandler.requireScope(caller, Scopes.forEvent(e));
        }
        return new ArrayList<>(events);
    }
}
