package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.refapp.simulator.control.Faults;
import org.dvcsconnector.refapp.simulator.control.Stats;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.http.Router;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.User;
import org.dvcsconnector.refapp.simulator.oauth.AccessToken;
import org.dvcsconnector.refapp.simulator.oauth.OAuthService;

/**
 * The API 2.0 front door: routes by the spec's path templates, counts the call, injects configured faults,
 * authenticates the bearer token, enforces the rate limit and the operation's OAuth scope (as the spec's
 * {@code security} sections name it), then runs the endpoint.
 */
public final class ApiHandler {

    /** The spec's {@code oauth2: []}: any valid token may call the operation. */
    static final String NO_SCOPE = "";

    private final Router<Route> router = new Router<>();
    private final OAuthService oauth;
    private final People people;
    private final Stats stats;
    private final Faults faults;

    public ApiHandler(OAuthService oauth, People people, Stats stats, Faults faults, UserEndpoints users,
                      RepositoryEndpoints repos, CommitEndpoints commits, PullRequestEndpoints pulls,
                      HookEndpoints hooks, ReviewEndpoints reviews, RefEndpoints refs) {
        this.oauth = oauth;
        this.people = people;
        this.stats = stats;
        this.faults = faults;
        String repo = "/2.0/repositories/{workspace}/{repo_slug}";
        add("GET", "/2.0/user", "account", users::user);
        add("GET", "/2.0/user/workspaces", "account", users::workspaces);
        add("GET", "/2.0/workspaces/{workspace}", NO_SCOPE, users::workspace);
        add("GET", "/2.0/repositories", "repository", repos::gone);
        add("GET", "/2.0/repositories/{workspace}", "repository", repos::list);
        add("GET", repo, "repository", repos::get);
        add("GET", repo + "/commits", "repository", commits::list);
        add("POST", repo + "/commits", "repository", commits::list);
        add("GET", repo + "/commits/{revision}", "repository", commits::list);
        add("POST", repo + "/commits/{revision}", "repository", commits::list);
        add("GET", repo + "/commit/{commit}", "repository", commits::get);
        add("GET", repo + "/refs/branches", "repository", commits::branches);
        add("GET", repo + "/refs/branches/{name}", "repository", commits::branch);
        add("GET", repo + "/refs", "repository", refs::refs);
        add("GET", repo + "/refs/tags", "repository", refs::tags);
        add("POST", repo + "/refs/tags", "repository:write", refs::createTag);
        add("GET", repo + "/refs/tags/{name}", "repository", refs::tag);
        add("DELETE", repo + "/refs/tags/{name}", "repository:write", refs::deleteTag);
        add("GET", repo + "/commit/{commit}/statuses", "repository", refs::statuses);
        add("GET", repo + "/pullrequests", "pullrequest", pulls::list);
        add("GET", repo + "/pullrequests/{pull_request_id}", "pullrequest", pulls::get);
        add("GET", repo + "/pullrequests/{pull_request_id}/commits", "pullrequest", pulls::commits);
        add("POST", repo + "/pullrequests/{pull_request_id}/approve", "pullrequest:write", reviews::approve);
        add("DELETE", repo + "/pullrequests/{pull_request_id}/approve", "pullrequest:write", reviews::unapprove);
        add("POST", repo + "/pullrequests/{pull_request_id}/request-changes", "pullrequest:write",
                reviews::requestChanges);
        add("DELETE", repo + "/pullrequests/{pull_request_id}/request-changes", "pullrequest:write",
                reviews::withdrawChangeRequest);
        add("GET", repo + "/hooks", "webhook", hooks::list);
        add("POST", repo + "/hooks", "webhook", hooks::create);
        add("GET", repo + "/hooks/{uid}", "webhook", hooks::get);
        add("PUT", repo + "/hooks/{uid}", "webhook", hooks::update);
        add("DELETE", repo + "/hooks/{uid}", "webhook", hooks::delete);
    }

    private void add(String method, String template, String scope, Endpoint endpoint) {
        router.add(method, template, new Route(scope, endpoint));
    }

    /** Every route as (method, spec path template, required scope): tests check them against the spec. */
    public List<String[]> routes() {
        return router.entries().stream().map(e -> new String[] {e.method(), e.template(), e.route().scope()}).toList();
    }

    public void handle(Exchange ex) throws IOException {
        Router.Match<Route> match = router.match(ex.method(), ex.path());
        if (match == null) {
            throw HttpError.notFound("Resource not found");
        }
        if (match.route() == null) {
            throw new HttpError(405, "Method " + ex.method() + " is not allowed on this resource");
        }
        stats.count(ex.method(), match.template());
        ex.pathVars(match.vars());
        long latency = faults.latencyMs();
        if (latency > 0) {
            sleep(latency);
        }
        int injected = faults.randomError();
        if (injected != 0) {
            throw new HttpError(injected, injected == 500 ? "Something went wrong" : "Service unavailable",
                    "Injected by the simulator's faults (errorRate).", null, Map.of());
        }
        // Bitbucket names the scope an operation accepts on every answer, and the token's scopes once it knows them.
        if (!match.route().scope().isEmpty()) {
            ex.header("X-Accepted-OAuth-Scopes", match.route().scope());
        }
        Caller caller = authenticate(ex);
        ex.header("X-OAuth-Scopes", String.join(", ", caller.token().granted()));
        long retryAfter = faults.acquire(caller.user().username());
        if (retryAfter > 0) {
            stats.rateLimited();
            throw new HttpError(429, "Rate limit for this resource has been exceeded", "You have exceeded your "
                    + "rate limit of " + faults.settings().requestsPerHour() + " requests per hour; retry later.",
                    null, Map.of("Retry-After", Long.toString(retryAfter)));
        }
        requireScope(caller, match.route().scope());
        match.route().endpoint().handle(ex, caller);
    }

    private Caller authenticate(Exchange ex) {
        String auth = ex.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Authentication required: send an OAuth 2.0 access token as \"Authorization: Bearer\".");
        }
        AccessToken token = oauth.accessToken(auth.substring(7).trim())
                .orElseThrow(() -> unauthorized("Token is invalid or not supported for this endpoint."));
        if (token.expired(oauth.now())) {
            throw unauthorized("Access token expired.");
        }
        User user = people.user(token.username())
                .orElseThrow(() -> unauthorized("The account behind this token no longer exists."));
        return new Caller(token, user);
    }

    private static HttpError unauthorized(String message) {
        return new HttpError(401, message, null, null, Map.of("WWW-Authenticate", "Bearer realm=\"Bitbucket.org API\""));
    }

    /** Bitbucket's answer to a token without the operation's scope; the detail names what is missing. */
    public static void requireScope(Caller caller, String scope) {
        if (!scope.isEmpty() && !caller.hasScope(scope)) {
            throw new HttpError(403, "Your credentials lack one or more required privilege scopes.",
                    "Required scope: " + scope + ". Granted scopes: " + String.join(", ", caller.token().granted()) + ".",
                    Map.of("required", List.of(scope), "granted", caller.token().granted()), Map.of());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One API operation. */
    @FunctionalInterface
    public interface Endpoint {
        void handle(Exchange ex, Caller caller) throws IOException;
    }

    private record Route(String scope, Endpoint endpoint) {}
}
