package org.dvcsconnector.refapp.simulator;

import org.dvcsconnector.refapp.simulator.api.AccountJson;
import org.dvcsconnector.refapp.simulator.api.ApiHandler;
import org.dvcsconnector.refapp.simulator.api.CommitEndpoints;
import org.dvcsconnector.refapp.simulator.api.CommitJson;
import org.dvcsconnector.refapp.simulator.api.HookEndpoints;
import org.dvcsconnector.refapp.simulator.api.HookJson;
import org.dvcsconnector.refapp.simulator.api.Links;
import org.dvcsconnector.refapp.simulator.api.PageCache;
import org.dvcsconnector.refapp.simulator.api.PullRequestEndpoints;
import org.dvcsconnector.refapp.simulator.api.PullRequestJson;
import org.dvcsconnector.refapp.simulator.api.RepoJson;
import org.dvcsconnector.refapp.simulator.api.RepositoryEndpoints;
import org.dvcsconnector.refapp.simulator.api.RefEndpoints;
import org.dvcsconnector.refapp.simulator.api.ReviewEndpoints;
import org.dvcsconnector.refapp.simulator.api.UserEndpoints;
import org.dvcsconnector.refapp.simulator.control.ControlHandler;
import org.dvcsconnector.refapp.simulator.control.DemoData;
import org.dvcsconnector.refapp.simulator.control.Faults;
import org.dvcsconnector.refapp.simulator.control.Generator;
import org.dvcsconnector.refapp.simulator.control.ScmOperations;
import org.dvcsconnector.refapp.simulator.control.Stats;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.http.RootHandler;
import org.dvcsconnector.refapp.simulator.model.SimClock;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.oauth.OAuthEndpoints;
import org.dvcsconnector.refapp.simulator.oauth.OAuthService;
import org.dvcsconnector.refapp.simulator.webhook.Payloads;
import org.dvcsconnector.refapp.simulator.webhook.WebhookDispatcher;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Bitbucket Cloud simulator: API 2.0 under {@code /2.0/}, OAuth 2.0 under {@code /site/oauth2/}, and a
 * control API under {@code /_sim/} (ARCHITECTURE §5). State lives in memory. Wiring is done here, by hand.
 */
public final class BitbucketSimulator implements AutoCloseable {

    /** The demo login for the authorize page; admin of every workspace the simulator creates. */
    public static final String DEMO_LOGIN = "acme-admin";

    private final Server server;
    /** Every timestamp the simulator makes or checks (tokens, rate limit, repositories, hooks, webhooks). */
    private final SimClock clock = new SimClock();
    private final Store store = new Store(clock);
    private final Stats stats = new Stats();
    private final Faults faults;
    private final OAuthService oauth;
    private final WebhookDispatcher webhooks;
    private final ScmOperations scm;
    private final Generator generator;
    private final ApiHandler api;
    private final String baseUrl;

    private BitbucketSimulator(SimulatorOptions options) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("bitbucket-sim");
        pool.setDaemon(true);
        // pool buffers up to 1 MiB (Jetty's default stops at 64 KiB): a 100-commit page of full objects is ~220 KB and
        // would otherwise cost a fresh direct buffer per response
        server = new Server(pool, null, new ArrayByteBufferPool(0, 4096, 1 << 20));
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // branch names travel percent-encoded in paths ("feature%2Fx"), as Bitbucket allows
        http.setUriCompliance(UriCompliance.DEFAULT.with("bitbucket", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        connector.open(); // bind first: the base URL (in every link) needs the real port
        baseUrl = "http://" + options.host() + ":" + connector.getLocalPort();

        store.people().addUser(DEMO_LOGIN, DEMO_LOGIN, "Acme Admin", "admin@example.com");
        store.people().addUser("alice", "alice", "Alice Anders", "alice@example.com");
        store.people().addUser("bob", "bob", "Bob Brown", "bob@example.com");

        faults = new Faults(clock);
        oauth = new OAuthService(clock, options.accessTokenTtl());
        webhooks = new WebhookDispatcher(options.webhookTimeout(), options.webhookRetryDelay(), clock);
        Links links = new Links(baseUrl);
        AccountJson accounts = new AccountJson(links);
        RepoJson repos = new RepoJson(links, accounts);
        CommitJson commits = new CommitJson(links, store.people(), accounts, repos);
        PullRequestJson pulls = new PullRequestJson(links, store.people(), accounts, repos);
        Payloads payloads = new Payloads(links, accounts, repos, commits, pulls);
        scm = new ScmOperations(store.people(), payloads, webhooks, clock);
        generator = new Generator(store, store.people());
        PageCache pages = new PageCache(256L << 20); // 256 MiB of rendered commit pages
        api = new ApiHandler(oauth, store.people(), stats, faults, new UserEndpoints(store, accounts),
                new RepositoryEndpoints(store, repos), new CommitEndpoints(store, commits, pages),
                new PullRequestEndpoints(store, pulls, commits, pages), new HookEndpoints(store, new HookJson(repos)),
                new ReviewEndpoints(store, scm, pulls), new RefEndpoints(store, commits, clock));
        OAuthEndpoints oauthEndpoints = new OAuthEndpoints(oauth, store.people());
        ControlHandler control = new ControlHandler(store, oauth, scm, generator, stats, faults, webhooks, clock);
        server.setHandler(new RootHandler(baseUrl, api::handle, ex -> oauth(ex, oauthEndpoints), control::handle));
        server.start();
    }

    public static BitbucketSimulator start(SimulatorOptions options) {
        try {
            return new BitbucketSimulator(options);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Bitbucket simulator on port " + options.port(), e);
        }
    }

    private void oauth(Exchange ex, OAuthEndpoints endpoints) {
        String path = ex.path();
        String method = ex.method();
        if (path.equals("/site/oauth2/authorize") && (method.equals("GET") || method.equals("POST"))) {
            stats.count(method, "/site/oauth2/authorize");
            if (method.equals("GET")) {
                endpoints.authorizePage(ex);
            } else {
                endpoints.authorizeDecision(ex);
            }
        } else if (path.equals("/site/oauth2/access_token") && method.equals("POST")) {
            stats.count(method, "/site/oauth2/access_token");
            endpoints.token(ex);
        } else {
            throw HttpError.notFound("Resource not found");
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The demo data and consumers of ARCHITECTURE §5 (idempotent). */
    public void seedDemo(String oauthCallbackUrl) {
        new DemoData(store, oauth, scm).seed(oauthCallbackUrl);
    }

    public Store store() {
        return store;
    }

    /** The simulator's clock, as {@code /_sim/clock} moves it: tests hand it to the plugin's parts too. */
    public SimClock clock() {
        return clock;
    }

    /** The OAuth server: tests issue codes and use refresh tokens out of band with it. */
    public OAuthService oauth() {
        return oauth;
    }

    public ApiHandler api() {
        return api;
    }

    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            webhooks.close();
        }
    }
}
