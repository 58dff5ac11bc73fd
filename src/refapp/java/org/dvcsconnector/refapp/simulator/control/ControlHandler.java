package org.dvcsconnector.refapp.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.http.Json;
import org.dvcsconnector.refapp.simulator.http.Router;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.SimClock;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Workspace;
import org.dvcsconnector.refapp.simulator.oauth.Consumer;
import org.dvcsconnector.refapp.simulator.oauth.OAuthService;
import org.dvcsconnector.refapp.simulator.oauth.Scopes;
import org.dvcsconnector.refapp.simulator.webhook.WebhookDispatcher;

/**
 * The simulator's own API under {@code /_sim} (not Bitbucket's): make changes that fire webhooks, add
 * consumers and users, generate bulk data, inject faults, read stats and webhook deliveries, move the clock
 * ({@link SimClock}). No auth: it is a loopback test tool. Not counted in stats.
 */
public final class ControlHandler {

    private static final String REPO = "/_sim/workspaces/{ws}/repositories/{slug}";

    private final Router<Action> router = new Router<>();
    private final Store store;
    private final OAuthService oauth;
    private final ScmOperations scm;
    private final Generator generator;
    private final Stats stats;
    private final Faults faults;
    private final WebhookDispatcher webhooks;
    private final SimClock clock;

    public ControlHandler(Store store, OAuthService oauth, ScmOperations scm, Generator generator, Stats stats,
                          Faults faults, WebhookDispatcher webhooks, SimClock clock) {
        this.store = store;
        this.oauth = oauth;
        this.scm = scm;
        this.generator = generator;
        this.stats = stats;
        this.faults = faults;
        this.webhooks = webhooks;
        this.clock = clock;
        router.add("POST", "/_sim/workspaces", this::createWorkspace)
                .add("POST", "/_sim/workspaces/{ws}/repositories", this::createRepository)
                .add("DELETE", REPO, this::deleteRepository)
                .add("POST", REPO + "/rename", this::renameRepository)
                .add("POST", REPO + "/commits", this::commit)
                .add("POST", REPO + "/branches", this::createBranch)
                .add("DELETE", REPO + "/branches/{name}", this::deleteBranch)
                .add("POST", REPO + "/pullrequests", this::openPullRequest)
                .add("PUT", REPO + "/pullrequests/{id}", this::updatePullRequest)
                .add("POST", REPO + "/pullrequests/{id}/merge", this::merge)
                .add("POST", REPO + "/pullrequests/{id}/decline", this::decline)
                .add("POST", REPO + "/pullrequests/{id}/approve", ex -> approve(ex, true))
                .add("DELETE", REPO + "/pullrequests/{id}/approve", ex -> approve(ex, false))
                .add("POST", REPO + "/pullrequests/{id}/request-changes", ex -> requestChanges(ex, true))
                .add("DELETE", REPO + "/pullrequests/{id}/request-changes", ex -> requestChanges(ex, false))
                .add("POST", "/_sim/consumers", this::consumer)
                .add("POST", "/_sim/users", this::user)
                .add("POST", "/_sim/generate", this::generate)
                .add("GET", "/_sim/stats", ex -> ex.json(200, Json.bytes(stats.snapshot())))
                .add("POST", "/_sim/stats/reset", ex -> {
                    stats.reset();
                    ex.json(200, Json.bytes(stats.snapshot()));
                })
                .add("GET", "/_sim/faults", ex -> ex.json(200, Json.bytes(faults.settings())))
                .add("POST", "/_sim/faults", this::faults)
                .add("POST", "/_sim/oauth", this::oauthSettings)
                .add("GET", "/_sim/clock", ex -> ex.json(200, clockJson()))
                .add("POST", "/_sim/clock", this::clock)
                .add("DELETE", "/_sim/clock", ex -> {
                    clock.reset();
                    ex.json(200, clockJson());
                })
                .add("GET", "/_sim/deliveries", this::deliveries)
                .add("DELETE", "/_sim/deliveries", ex -> {
                    webhooks.clearDeliveries();
                    ex.empty(204);
                });
    }

    public void handle(Exchange ex) throws Exception {
        Router.Match<Action> m = router.match(ex.method(), ex.path());
        if (m == null) {
            throw HttpError.notFound("No such control resource: " + ex.path());
        }
        if (m.route() == null) {
            throw new HttpError(405, "Method " + ex.method() + " is not allowed on " + ex.path());
        }
        ex.pathVars(m.vars());
        m.route().run(ex);
    }

    private void createWorkspace(Exchange ex) {
        JsonNode b = ex.json();
        String slug = slug(b, "slug");
        Workspace ws = store.createWorkspace(slug, text(b, "name", null), ScmOperations.DEFAULT_ACTOR);
        ex.json(201, Json.bytes(Map.of("slug", ws.slug(), "uuid", ws.uuid(), "name", ws.name())));
    }

    private void createRepository(Exchange ex) {
        Workspace ws = workspace(ex.var(0));
        JsonNode b = ex.json();
        String slug = slug(b, "slug");
        Repository r = store.createRepository(ws, slug, text(b, "name", slug), b.path("isPrivate").asBoolean(true));
        ex.json(201, Json.bytes(Map.of("full_name", r.fullName(), "uuid", r.uuid(), "is_private", r.isPrivate())));
    }

    private void deleteRepository(Exchange ex) {
        Workspace ws = workspace(ex.var(0));
        if (ws.repositories().remove(ex.var(1).toLowerCase()) == null) {
            throw HttpError.notFound("No repository " + ex.var(0) + "/" + ex.var(1));
        }
        ex.empty(204);
    }

    /** {@code {slug}}: the repository's new slug; its uuid stays, its old slug no longer finds it. */
    private void renameRepository(Exchange ex) {
        Repository r = repository(ex);
        String slug = slug(ex.json(), "slug");
        try {
            store.rename(r, slug);
        } catch (IllegalArgumentException e) {
            throw new HttpError(409, e.getMessage());
        }
        ex.json(200, Json.bytes(Map.of("full_name", r.fullName(), "uuid", r.uuid())));
    }

    private void commit(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = ex.json();
        int idx = scm.commit(r, text(b, "branch", null), text(b, "message", null), text(b, "authorName", null),
                text(b, "authorEmail", null));
        ex.json(201, Json.bytes(Map.of("hash", r.commits().hashHex(idx), "branch", b.path("branch").asText())));
    }

    private void createBranch(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = ex.json();
        int head = scm.createBranch(r, text(b, "name", null), text(b, "from", null), text(b, "actor", null));
        ex.json(201, Json.bytes(Map.of("name", b.path("name").asText(), "target", r.commits().hashHex(head))));
    }

    private void deleteBranch(Exchange ex) {
        Repository r = repository(ex);
        scm.deleteBranch(r, ex.var(2), ex.query().first("actor"));
        ex.empty(204);
    }

    private void openPullRequest(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = ex.json();
        List<String> reviewers = new ArrayList<>();
        b.path("reviewers").forEach(u -> reviewers.add(u.asText()));
        PullRequest pr = scm.openPullRequest(r, text(b, "title", null), text(b, "source", null),
                text(b, "destination", null), text(b, "description", ""), text(b, "author", null),
                b.path("closeSourceBranch").asBoolean(false), reviewers);
        ex.json(201, pullRequest(r, pr));
    }

    /** {@code {user}} approves (POST) or withdraws the approval (DELETE), as Bitbucket's own approve endpoint. */
    private void approve(Exchange ex, boolean approve) {
        Repository r = repository(ex);
        String user = ex.method().equals("POST") ? text(ex.json(), "user", null) : ex.query().first("user");
        ex.json(200, pullRequest(r, scm.approve(r, id(ex), user, approve)));
    }

    /** {@code {user}} requests changes (POST) or withdraws the request (DELETE), as Bitbucket's request-changes. */
    private void requestChanges(Exchange ex, boolean request) {
        Repository r = repository(ex);
        String user = ex.method().equals("POST") ? text(ex.json(), "user", null) : ex.query().first("user");
        ex.json(200, pullRequest(r, scm.requestChanges(r, id(ex), user, request)));
    }

    private void updatePullRequest(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = ex.json();
        PullRequest pr = scm.update(r, id(ex), text(b, "title", null), text(b, "description", null),
                text(b, "state", null), text(b, "actor", null));
        ex.json(200, pullRequest(r, pr));
    }

    private void merge(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = optionalJson(ex);
        PullRequest pr = scm.merge(r, id(ex), text(b, "actor", null), text(b, "message", null));
        ex.json(200, pullRequest(r, pr));
    }

    private void decline(Exchange ex) {
        Repository r = repository(ex);
        JsonNode b = optionalJson(ex);
        PullRequest pr = scm.decline(r, id(ex), text(b, "actor", null), text(b, "reason", null));
        ex.json(200, pullRequest(r, pr));
    }

    private void consumer(Exchange ex) {
        JsonNode b = ex.json();
        String key = text(b, "key", null);
        String secret = text(b, "secret", null);
        if (key == null || secret == null) {
            throw HttpError.badRequest("key and secret are required");
        }
        List<String> scopes = new ArrayList<>();
        for (JsonNode s : b.path("scopes")) {
            if (!Scopes.KNOWN.contains(s.asText())) {
                throw HttpError.badRequest("Unknown scope \"" + s.asText() + "\" (see the spec's securityDefinitions)");
            }
            scopes.add(s.asText());
        }
        String owner = text(b, "owner", ScmOperations.DEFAULT_ACTOR);
        if (store.people().user(owner).isEmpty()) {
            throw HttpError.badRequest("Unknown owner \"" + owner + "\"");
        }
        oauth.addConsumer(new Consumer(key, secret, b.path("private").asBoolean(true), text(b, "callbackUrl", null),
                List.copyOf(scopes), text(b, "name", key), owner));
        ex.json(201, Json.bytes(Map.of("key", key, "scopes", scopes)));
    }

    private void user(Exchange ex) {
        JsonNode b = ex.json();
        String username = slug(b, "username");
        var u = store.people().addUser(username, text(b, "password", username), text(b, "displayName", username),
                text(b, "email", username + "@example.com"));
        for (JsonNode w : b.path("workspaces")) {
            workspace(w.path("slug").asText()).members().put(username, w.path("admin").asBoolean(false));
        }
        ex.json(201, Json.bytes(Map.of("username", u.username(), "uuid", u.uuid(), "account_id", u.accountId())));
    }

    private void generate(Exchange ex) {
        Generator.Request req = read(ex, Generator.Request.class);
        long start = System.nanoTime();
        Workspace ws = generator.generate(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workspace", ws.slug());
        out.put("repositories", ws.repositories().keySet());
        out.put("millis", (System.nanoTime() - start) / 1_000_000);
        ex.json(201, Json.bytes(out));
    }

    private void faults(Exchange ex) {
        Faults.Settings s = read(ex, Faults.Settings.class);
        if (s.errorRate() < 0 || s.errorRate() > 1 || s.latencyMs() < 0 || s.requestsPerHour() < 0) {
            throw HttpError.badRequest("errorRate 0..1, latencyMs >= 0, requestsPerHour >= 0 (0 switches a fault off)");
        }
        faults.configure(s);
        ex.json(200, Json.bytes(s));
    }

    private void oauthSettings(Exchange ex) {
        JsonNode b = ex.json();
        if (!b.path("accessTokenTtlSeconds").canConvertToLong() || b.path("accessTokenTtlSeconds").asLong() < 0) {
            throw HttpError.badRequest("accessTokenTtlSeconds: a number of seconds >= 0 is required");
        }
        oauth.accessTokenTtl(Duration.ofSeconds(b.path("accessTokenTtlSeconds").asLong()));
        ex.json(200, Json.bytes(Map.of("accessTokenTtlSeconds", oauth.accessTokenTtl().toSeconds())));
    }

    /** {@code {now, advanceSeconds}}, either or both: set the clock to {@code now}, then move it on. */
    private void clock(Exchange ex) {
        JsonNode b = ex.json();
        JsonNode now = b.get("now");
        JsonNode advance = b.get("advanceSeconds");
        if ((now == null || now.isNull()) && (advance == null || advance.isNull())) {
            throw HttpError.badRequest("now (an ISO-8601 instant) or advanceSeconds (a number) is required");
        }
        if (advance != null && !advance.isNull() && !advance.canConvertToLong()) {
            throw HttpError.badRequest("advanceSeconds: a whole number of seconds is required");
        }
        if (now != null && !now.isNull()) {
            try {
                clock.set(Instant.parse(now.asText()));
            } catch (DateTimeParseException e) {
                throw HttpError.badRequest("now: an ISO-8601 instant such as 2026-12-01T00:00:00Z is required");
            }
        }
        if (advance != null && !advance.isNull()) {
            clock.advance(Duration.ofSeconds(advance.asLong()));
        }
        ex.json(200, clockJson());
    }

    private byte[] clockJson() {
        return Json.bytes(Map.of("now", clock.instant().toString(), "offsetSeconds", clock.offset().toSeconds()));
    }

    private void deliveries(Exchange ex) {
        String hook = ex.query().first("hook");
        var list = webhooks.deliveries().stream()
                .filter(d -> hook == null || d.hookUuid().replace("{", "").replace("}", "").equals(hook.replace("{", "").replace("}", "")))
                .toList();
        ex.json(200, Json.bytes(Map.of("inFlight", webhooks.inFlight(), "values", list)));
    }

    private byte[] pullRequest(Repository r, PullRequest pr) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", pr.id());
        m.put("state", pr.state());
        m.put("title", pr.title());
        m.put("source", pr.sourceBranch());
        m.put("destination", pr.destinationBranch());
        if (pr.mergeCommit() >= 0) {
            m.put("merge_commit", r.commits().hashHex(pr.mergeCommit()));
        }
        return Json.bytes(m);
    }

    private static <T> T read(Exchange ex, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(ex.json(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw HttpError.badRequest("Invalid " + type.getSimpleName() + " body: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode optionalJson(Exchange ex) {
        return ex.body().length == 0 ? Json.MAPPER.createObjectNode() : ex.json();
    }

    private Workspace workspace(String slug) {
        return store.workspace(slug).orElseThrow(() -> HttpError.notFound("No workspace \"" + slug + "\""));
    }

    private Repository repository(Exchange ex) {
        return store.repository(ex.var(0), ex.var(1))
                .orElseThrow(() -> HttpError.notFound("No repository " + ex.var(0) + "/" + ex.var(1)));
    }

    private static int id(Exchange ex) {
        try {
            return Integer.parseInt(ex.var(2));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid pull request id: " + ex.var(2));
        }
    }

    private static String slug(JsonNode b, String field) {
        String s = text(b, field, null);
        if (s == null || !s.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw HttpError.badRequest(field + ": letters, digits, '.', '-' or '_' required");
        }
        return s;
    }

    private static String text(JsonNode b, String field, String fallback) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw HttpError.badRequest(field + ": expected a string");
        }
        return n.asText();
    }

    @FunctionalInterface
    private interface Action {
        void run(Exchange ex) throws Exception;
    }
}
