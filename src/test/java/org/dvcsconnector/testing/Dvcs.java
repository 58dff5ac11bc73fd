package org.dvcsconnector.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The DVCS accounts feature as tests drive it: REST calls under {@code /rest/dvcs/1.0}, the accounts page's
 * forms, the OAuth authorization-code round trip over plain HTTP, and bounded polling (never fixed sleeps).
 */
public final class Dvcs {

    public static final String REST = "/rest/dvcs/1.0";
    public static final String ACCOUNTS = REST + "/accounts";
    public static final String PAGE = "/plugins/servlet/dvcs/accounts";
    public static final String CALLBACK = "/plugins/servlet/dvcs/oauth/callback";
    public static final String DEMO_PRIVATE = "demo-private";
    public static final String DEMO_PRIVATE_SECRET = "demo-private-secret";
    public static final String DEMO_PUBLIC = "demo-public";
    public static final String DEMO_PUBLIC_SECRET = "demo-public-secret";
    public static final Duration WAIT = Duration.ofSeconds(30);

    private Dvcs() {}

    /** The body of {@code POST /accounts}. */
    public static Map<String, Object> linkBody(String workspace, String clientId, String clientSecret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", "bitbucket-cloud");
        body.put("workspace", workspace);
        body.put("clientId", clientId);
        body.put("clientSecret", clientSecret);
        body.put("autoLink", true);
        body.put("smartCommits", true);
        return body;
    }

    /** Links with a private consumer over REST; the created account. */
    public static JsonNode linkPrivate(Http admin, String workspace, String clientId, String clientSecret) {
        return admin.postJson(ACCOUNTS, linkBody(workspace, clientId, clientSecret)).expect(201).json();
    }

    public static List<JsonNode> accounts(Http admin) {
        List<JsonNode> all = new ArrayList<>();
        admin.get(ACCOUNTS).expect(200).json().forEach(all::add);
        return all;
    }

    public static Optional<JsonNode> account(Http admin, int id) {
        return accounts(admin).stream().filter(a -> a.path("id").asInt() == id).findFirst();
    }

    public static Optional<JsonNode> accountByWorkspace(Http admin, String workspace) {
        return accounts(admin).stream().filter(a -> a.path("workspace").asText().equals(workspace)).findFirst();
    }

    /** Polls {@code GET /accounts} until the account satisfies {@code condition}; the account then. */
    public static JsonNode awaitAccount(Http admin, int id, String what, Predicate<JsonNode> condition) {
        return await(what + " (account " + id + ")", () -> account(admin, id).filter(condition));
    }

    /** Waits until discovery of the account is DONE; fails at once when it FAILED. */
    public static JsonNode awaitDiscovered(Http admin, int id) {
        return awaitAccount(admin, id, "discovery DONE", a -> {
            if ("FAILED".equals(a.path("discoveryState").asText())) {
                throw new AssertionError("Discovery failed: " + a.toPrettyString());
            }
            return "DONE".equals(a.path("discoveryState").asText());
        });
    }

    /** Waits until discovery is DONE and none of the account's repositories is queued or running any more. */
    public static JsonNode awaitIdle(Http admin, int id) {
        awaitDiscovered(admin, id);
        return awaitAccount(admin, id, "no repository queued or running", a -> a.path("discoveryState").asText()
                .equals("DONE") && a.path("sync").path("queued").asInt() + a.path("sync").path("running").asInt() == 0);
    }

    /**
     * Links {@code workspace}, generated with two repositories of 4,000 commits (80 commit pages), with the smallest
     * request budget set before its repositories are linked, so that their full sync spends the budget and pauses;
     * the account once one of them is PAUSED.
     */
    public static JsonNode linkPausedByBudget(Http admin, Sim sim, String workspace) {
        sim.http().postJson("/_sim/generate", Map.of("workspace", workspace, "repositories", 2,
                "commitsPerRepository", 4_000, "branchesPerRepository", 3, "pullRequestsPerRepository", 2,
                "projectKey", "DEMO", "seed", 5)).expect(201);
        Map<String, Object> body = linkBody(workspace, DEMO_PRIVATE, DEMO_PRIVATE_SECRET);
        body.put("autoLink", false);
        int id = admin.postJson(ACCOUNTS, body).expect(201).json().path("id").asInt();
        JsonNode discovered = awaitDiscovered(admin, id);
        admin.putJson(ACCOUNTS + "/" + id, Map.of("requestBudget", MIN_REQUEST_BUDGET)).expect(200);
        for (JsonNode repository : discovered.path("repositories")) {
            admin.putJson(REST + "/repositories/" + repository.path("id").asInt(), Map.of("linked", true)).expect(200);
        }
        return awaitAccount(admin, id, "a repository paused by its budget", a -> {
            for (JsonNode repository : a.path("repositories")) {
                if ("PAUSED".equals(repository.path("sync").path("state").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The smallest request budget an account may have (requests an hour). */
    public static final int MIN_REQUEST_BUDGET = 60;

    public static void awaitGone(Http admin, int id) {
        await("account " + id + " gone", () -> account(admin, id).isEmpty() ? Optional.of(true) : Optional.empty());
    }

    /** Bounded polling: the first present value within {@link #WAIT}, or an AssertionError naming the wait. */
    public static <T> T await(String what, Supplier<Optional<T>> probe) {
        return await(what, WAIT, probe);
    }

    public static <T> T await(String what, Duration limit, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = 25;
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up after " + limit.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(pause); // back-off between polls, not a wait for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            pause = Math.min(500, pause * 2);
        }
    }

    public static List<String> slugs(JsonNode account) {
        List<String> slugs = new ArrayList<>();
        account.path("repositories").forEach(r -> slugs.add(r.path("slug").asText()));
        slugs.sort(null);
        return slugs;
    }

    /** A logged-in browser-like session (cookies, no redirects followed). */
    public static Http login(RefappServer server, String user, String password) {
        Http session = server.session();
        Http.Response login = session.login(user, password);
        if (login.status() != 302) {
            throw new AssertionError("login as " + user + " failed: " + login);
        }
        return session;
    }

    /** Posts a form of the accounts page with the page's own atl_token (read from {@code formPage}). */
    public static Http.Response postPageForm(Http session, String formPage, Map<String, String> fields) {
        String token = Http.atlToken(session.get(formPage).expect(200).body());
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("atl_token", token);
        return session.postForm(PAGE, all);
    }

    /**
     * The link form posted for a public consumer: the page that sends the browser on to Bitbucket's authorize page
     * (read its URL with {@link #authorizeUrl}); not a redirect, which the CSP's form-action 'self' would block.
     */
    public static Http.Response beginPublicLink(Http session, String workspace, String clientId, String clientSecret) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("action", "link");
        fields.put("host", "bitbucket-cloud");
        fields.put("workspace", workspace);
        fields.put("clientId", clientId);
        fields.put("clientSecret", clientSecret);
        fields.put("consumerType", "PUBLIC");
        fields.put("autoLink", "on");
        fields.put("smartCommits", "on");
        return postPageForm(session, PAGE + "?action=link", fields).expect(200);
    }

    /** Where the plugin's "Continue to Bitbucket" page (the answer to a public-consumer form) sends the browser. */
    public static String authorizeUrl(Http.Response page) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("id=\"dvcs-authorize-continue\" href=\"([^\"]*)\"").matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("Not the page that continues to Bitbucket: " + page);
        }
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /**
     * Answers Bitbucket's authorize page as acme-admin would (grant or deny) and returns where Bitbucket
     * sends the browser back: the plugin's callback URL with {@code code}/{@code error} and {@code state}.
     */
    public static String authorize(Sim sim, String authorizeUrl, boolean grant) {
        if (!authorizeUrl.startsWith(sim.baseUrl() + "/site/oauth2/authorize")) {
            throw new AssertionError("Not sent to the simulator's authorize page: " + authorizeUrl);
        }
        Map<String, String> query = query(authorizeUrl);
        sim.http().get(authorizeUrl).expect(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", query.getOrDefault("client_id", ""));
        form.put("response_type", "code");
        form.put("state", query.getOrDefault("state", ""));
        form.put("redirect_uri", query.getOrDefault("redirect_uri", ""));
        form.put("username", "acme-admin");
        form.put("password", "acme-admin");
        form.put("decision", grant ? "grant" : "deny");
        return sim.http().postForm("/site/oauth2/authorize", form).expect(302).location();
    }

    public static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** A complete public-consumer link over HTTP; the callback URL that was used (for replay tests). */
    public static String linkPublic(Http session, Sim sim, String workspace, String clientId, String clientSecret) {
        String toBitbucket = authorizeUrl(beginPublicLink(session, workspace, clientId, clientSecret));
        String callback = authorize(sim, toBitbucket, true);
        Http.Response back = session.get(callback).expect(302);
        if (!back.location().endsWith(PAGE)) {
            throw new AssertionError("The callback did not return to the accounts page: " + back);
        }
        String page = session.get(PAGE).expect(200).body();
        if (!page.contains("Linked ")) {
            throw new AssertionError("No success flash after the round trip:\n" + page);
        }
        return callback;
    }
}
