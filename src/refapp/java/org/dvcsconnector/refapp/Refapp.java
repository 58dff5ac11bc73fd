package org.dvcsconnector.refapp;

import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.AoModuleHandler;
import org.dvcsconnector.refapp.cluster.DatabaseClusterLockService;
import org.dvcsconnector.refapp.crypto.AesGcmSecretCipher;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.refapp.db.DatabaseKind;
import org.dvcsconnector.refapp.db.FilePermissions;
import org.dvcsconnector.refapp.events.HostEventPublisher;
import org.dvcsconnector.refapp.host.HostApplicationProperties;
import org.dvcsconnector.refapp.host.HostLoginUriProvider;
import org.dvcsconnector.refapp.host.PerPluginService;
import org.dvcsconnector.refapp.i18n.HostI18nResolver;
import org.dvcsconnector.refapp.i18n.I18nModuleHandler;
import org.dvcsconnector.refapp.osgi.FelixHost;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.PluginManager;
import org.dvcsconnector.refapp.scheduler.DbSchedulerService;
import org.dvcsconnector.refapp.settings.JdbcPluginSettingsStore;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.SimulatorOptions;
import org.dvcsconnector.refapp.tracker.DemoData;
import org.dvcsconnector.refapp.tracker.TimeTracking;
import org.dvcsconnector.refapp.tracker.Tracker;
import org.dvcsconnector.refapp.velocity.VelocityRenderer;
import org.dvcsconnector.refapp.web.StaticServlet;
import org.dvcsconnector.refapp.web.WebServer;
import org.dvcsconnector.refapp.web.auth.AuthenticationFilter;
import org.dvcsconnector.refapp.web.auth.Authenticator;
import org.dvcsconnector.refapp.web.auth.CachingAuthenticator;
import org.dvcsconnector.refapp.web.auth.LoginThrottle;
import org.dvcsconnector.refapp.web.fragment.WebFragments;
import org.dvcsconnector.refapp.web.fragment.WebPanels;
import org.dvcsconnector.refapp.web.page.AdminServlet;
import org.dvcsconnector.refapp.web.page.DashboardServlet;
import org.dvcsconnector.refapp.web.page.DecoratorFilter;
import org.dvcsconnector.refapp.web.page.ErrorServlet;
import org.dvcsconnector.refapp.web.page.HostPages;
import org.dvcsconnector.refapp.web.page.IssueViewServlet;
import org.dvcsconnector.refapp.web.page.LoginServlet;
import org.dvcsconnector.refapp.web.resource.DownloadServlet;
import org.dvcsconnector.refapp.web.resource.WebResourceRegistry;
import org.dvcsconnector.refapp.web.rest.JsonSupport;
import org.dvcsconnector.refapp.web.rest.PluginsResource;
import org.dvcsconnector.refapp.web.rest.RestDispatcher;
import org.dvcsconnector.refapp.web.rest.RestRegistry;
import org.dvcsconnector.refapp.web.servlet.PluginServletDispatcher;
import org.dvcsconnector.refapp.web.servlet.ServletRegistry;
import org.dvcsconnector.refapp.web.xsrf.HostXsrfTokenValidator;
import org.dvcsconnector.refapp.web.xsrf.RestXsrfFilter;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.EventPublisher;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.LoginUriProvider;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.spi.SecretCipher;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.TimeTrackingConfiguration;
import org.dvcsconnector.spi.TransactionTemplate;
import org.dvcsconnector.spi.TransactionalExecutorFactory;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.XsrfTokenValidator;
import org.glassfish.jersey.server.ResourceConfig;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The reference host: the composition root that builds the database, the host services, Felix, the web
 * server and the plugins, in that order, and closes them in reverse.
 */
public final class Refapp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Refapp.class);
    static final String ISSUE_RIGHT_CONTEXT = "atl.jira.view.issue.right.context";
    static final String DVCS_PLUGIN_KEY = "org.dvcsconnector.dvcs-connector";
    public static final String OAUTH_CALLBACK = "/plugins/servlet/dvcs/oauth/callback";

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final RefappOptions options;
    private String baseUrl;
    private String bootstrapPassword;
    private Tracker tracker;
    private PluginManager pluginManager;
    private ActiveObjectsFactory activeObjects;
    private BitbucketSimulator simulator;
    private Database database;
    /** Password checks (each one PBKDF2), for tests and diagnostics. */
    private final LongAdder passwordChecks = new LongAdder();

    private Refapp(RefappOptions options) {
        this.options = options;
    }

    public static Refapp start(RefappOptions options) throws Exception {
        // Jersey and Felix log through java.util.logging; send it where everything else goes.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Refapp refapp = new Refapp(options);
        try {
            refapp.boot();
            return refapp;
        } catch (Exception | Error e) {
            refapp.close();
            throw e;
        }
    }

    // Long on purpose: the host's whole object graph, wired by hand in start-up order, reads best in one place.
    private void boot() throws Exception {
        Path home = options.home();
        // The home holds the database and (by default) the key: only this user may enter it.
        FilePermissions.privateDirectory(home);
        Database database = openDatabase(home);
        openTracker(database);

        SecretCipher cipher = AesGcmSecretCipher.loadOrCreate(secretKeyFile(home));
        DbSchedulerService scheduler = new DbSchedulerService(database.dataSource(), database.kind(), options.nodeId());
        closeables.add(scheduler);
        ClusterLockService locks = new DatabaseClusterLockService(database.dataSource(), database.kind());
        JdbcPluginSettingsStore settings = new JdbcPluginSettingsStore(database.dataSource());
        HostEventPublisher events = new HostEventPublisher();
        HostI18nResolver i18n = new HostI18nResolver();
        HostXsrfTokenValidator xsrf = new HostXsrfTokenValidator();
        activeObjects = new ActiveObjectsFactory(database.dataSource(), database.kind());
        UserManager users = tracker.userManager();

        // H2 means one node: sessions stay in memory. PostgreSQL may be a cluster: sessions are shared.
        WebServer web = WebServer.bind(options.port(),
                database.kind() == DatabaseKind.POSTGRES ? database.dataSource() : null);
        closeables.add(web);
        baseUrl = "http://localhost:" + web.port();
        ApplicationProperties applicationProperties = new HostApplicationProperties(baseUrl, home, options.nodeId());

        FelixHost felix = FelixHost.start(home.resolve("felix-cache"));
        closeables.add(felix);
        BundleContext osgi = felix.context();
        register(osgi, UserManager.class, users);
        register(osgi, PermissionService.class, tracker.permissionService());
        register(osgi, IssueService.class, tracker.issueService());
        register(osgi, TimeTrackingConfiguration.class, tracker.timeTracking());
        register(osgi, LoginUriProvider.class, new HostLoginUriProvider());
        register(osgi, SchedulerService.class, scheduler);
        register(osgi, ClusterLockService.class, locks);
        register(osgi, EventPublisher.class, events);
        register(osgi, I18nResolver.class, i18n);
        register(osgi, XsrfTokenValidator.class, xsrf);
        register(osgi, SecretCipher.class, cipher);
        register(osgi, ApplicationProperties.class, applicationProperties);
        registerPerPluginServices(osgi, settings);

        WebFragments fragments = webFragments(i18n, users);

        HostPages pages = new HostPages(new VelocityRenderer(Refapp.class.getClassLoader()), fragments, users, xsrf,
                applicationProperties.getDisplayName());
        ServletRegistry servlets = new ServletRegistry(web.servletContext());
        RestRegistry rest = new RestRegistry(web.servletContext());
        WebResourceRegistry webResources = new WebResourceRegistry();
        List<ModuleHandler> handlers = new ArrayList<>(List.of(
                new I18nModuleHandler(i18n), new AoModuleHandler(activeObjects), webResources, servlets, rest));
        handlers.addAll(fragments.handlers(WebPanels::create));
        pluginManager = new PluginManager(osgi, handlers);
        closeables.add(pluginManager);

        Authenticator checkPassword = (username, password) -> {
            passwordChecks.increment();
            return tracker.users().authenticate(username, password);
        };
        CachingAuthenticator authenticator = new CachingAuthenticator(checkPassword, Duration.ofMinutes(2), Clock.systemUTC());
        LoginThrottle logins = new LoginThrottle(authenticator, LoginThrottle.ACCOUNT, LoginThrottle.ADDRESS, Clock.systemUTC());
        web.filter("/*", new AuthenticationFilter(logins));
        web.requestFilter("/rest/*", new RestXsrfFilter(xsrf));
        web.requestFilter("/plugins/servlet/*", new DecoratorFilter(pages));
        web.servlet("/login", new LoginServlet(pages, logins, xsrf));
        web.servlet("/logout", new LoginServlet(pages, logins, xsrf));
        web.servlet("", new DashboardServlet(pages, tracker));
        web.servlet("/browse/*", new IssueViewServlet(pages, tracker, fragments, xsrf, ISSUE_RIGHT_CONTEXT));
        web.servlet("/secure/admin/*", new AdminServlet(pages, users, pluginManager));
        web.servlet("/secure/admin", new AdminServlet(pages, users, pluginManager));
        web.servlet("/plugins/servlet/*", new PluginServletDispatcher(servlets));
        web.servlet("/rest/*", new RestDispatcher(rest));
        web.servlet("/download/resources/*", new DownloadServlet(webResources));
        web.servlet("/static/*", new StaticServlet());
        web.servlet("/error", new ErrorServlet(pages));
        web.start();

        mountHostRest(rest);
        connectBitbucket(settings, web);
        scheduler.start();
        pluginManager.installAll(pluginJars(home));
    }

    private Database openDatabase(Path home) {
        database = options.dbUrl() == null ? Database.h2File(home)
                : Database.open(options.dbUrl(), options.dbUser(), options.dbPassword());
        closeables.add(database);
        LOG.info("Database: {} ({})", database.kind(), options.dbUrl() == null ? home.resolve("database") : "external");
        return database;
    }

    /** The tracker with the demo's data, or on a first start without it an admin with a generated password. */
    private void openTracker(Database database) {
        tracker = Tracker.open(database.dataSource(), database.kind());
        if (options.hoursPerDay() != null || options.daysPerWeek() != null) {
            TimeTracking time = tracker.timeTracking();
            time.update(options.hoursPerDay() == null ? time.getHoursPerDay() : options.hoursPerDay(),
                    options.daysPerWeek() == null ? time.getDaysPerWeek() : options.daysPerWeek());
        }
        if (options.demo()) {
            DemoData.seedDemo(tracker);
        } else {
            bootstrapPassword = Tracker.bootstrapAdmin(tracker.users());
        }
    }

    /** Services each plugin gets its own instance of (its tables, settings namespace, templates). */
    private void registerPerPluginServices(BundleContext osgi, JdbcPluginSettingsStore settings) {
        registerPerPlugin(osgi, ActiveObjects.class, b -> activeObjects.forPlugin(b.getSymbolicName()));
        registerPerPlugin(osgi, TransactionTemplate.class, b -> activeObjects.forPlugin(b.getSymbolicName()));
        registerPerPlugin(osgi, TransactionalExecutorFactory.class, b -> activeObjects.forPlugin(b.getSymbolicName()));
        registerPerPlugin(osgi, PluginSettings.class, b -> settings.forNamespace(b.getSymbolicName()));
        registerPerPlugin(osgi, TemplateRenderer.class,
                b -> new VelocityRenderer(b.adapt(BundleWiring.class).getClassLoader()));
    }

    /** Web fragments with the conditions plugins may name, and the host's own admin section. */
    private static WebFragments webFragments(HostI18nResolver i18n, UserManager users) {
        WebFragments fragments = new WebFragments(i18n, Map.of(
                "admin", user -> user != null && users.isAdmin(user),
                "com.atlassian.jira.plugin.webfragment.conditions.UserIsAdminCondition", user -> user != null && users.isAdmin(user),
                "logged-in", user -> user != null,
                "com.atlassian.jira.plugin.webfragment.conditions.UserLoggedInCondition", user -> user != null));
        fragments.addHostSection(new WebFragments.Section("host-system", HostPages.ADMIN_MENU, "System", 1000, "host"));
        fragments.addHostItem(new WebFragments.Item("plugins", HostPages.ADMIN_MENU + "/host-system", "Manage apps",
                "/secure/admin/plugins", "host-system/plugins", 10, user -> user != null && users.isAdmin(user), "host"));
        return fragments;
    }

    /** The host's own REST: the tracker's Jira-shaped API and the plugin list. */
    private void mountHostRest(RestRegistry rest) throws ServletException {
        ResourceConfig api = JsonSupport.resourceConfig();
        tracker.restComponents().forEach(api::registerInstances);
        rest.mountHost("/api/2", api);
        ResourceConfig plugins = JsonSupport.resourceConfig();
        plugins.registerInstances(new PluginsResource(pluginManager, tracker.userManager()));
        rest.mountHost("/plugins/1.0", plugins);
    }

    /** --bitbucket wins over the demo's own simulator: cluster nodes with demo data share one simulator. */
    private void connectBitbucket(JdbcPluginSettingsStore settings, WebServer web) {
        if (options.bitbucketUrl() != null) {
            pointPluginAt(settings, options.bitbucketUrl());
            web.trustBitbucket(options.bitbucketUrl());
        } else if (options.demo()) {
            startSimulator(settings);
            web.trustBitbucket(simulator.baseUrl());
        }
    }

    /** The demo's Bitbucket: the simulator with workspace acme and the two demo consumers. */
    private void startSimulator(JdbcPluginSettingsStore settings) {
        simulator = BitbucketSimulator.start(SimulatorOptions.defaults(options.simPort()));
        closeables.add(simulator);
        simulator.seedDemo(baseUrl + OAUTH_CALLBACK);
        pointPluginAt(settings, simulator.baseUrl());
    }

    /** The DVCS Connector reads where Bitbucket is from its settings; the refapp sets them for demos and tests. */
    private static void pointPluginAt(JdbcPluginSettingsStore settings, String bitbucketUrl) {
        String site = bitbucketUrl.endsWith("/") ? bitbucketUrl.substring(0, bitbucketUrl.length() - 1) : bitbucketUrl;
        PluginSettings plugin = settings.forNamespace(DVCS_PLUGIN_KEY);
        plugin.put("bitbucket.siteBaseUrl", site);
        plugin.put("bitbucket.apiBaseUrl", site + "/2.0");
    }

    private List<Path> pluginJars(Path home) {
        List<Path> jars = new ArrayList<>(options.bundles());
        String fromBuild = System.getProperty("dvcs.bundle");
        if (jars.isEmpty() && fromBuild != null) {
            jars.add(Path.of(fromBuild));
        }
        jars.addAll(PluginManager.jarsIn(home.resolve("plugins")));
        return jars;
    }

    /** The key file: shared by every node of a cluster, so it may live outside the node's home. */
    private static Path secretKeyFile(Path home) {
        String configured = System.getenv("DVCS_SECRET_KEY_FILE");
        return configured == null || configured.isBlank() ? home.resolve("secret.key") : Path.of(configured);
    }

    private static <S> void register(BundleContext context, Class<S> type, S service) {
        context.registerService(type, service, properties());
    }

    private static <S> void registerPerPlugin(BundleContext context, Class<S> type,
            java.util.function.Function<org.osgi.framework.Bundle, S> factory) {
        context.registerService(type, new PerPluginService<>(factory), properties());
    }

    private static Dictionary<String, Object> properties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("provider", "refapp");
        return properties;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The generated admin password on a first start without {@code --demo}; null otherwise. */
    public String bootstrapPassword() {
        return bootstrapPassword;
    }

    public Tracker tracker() {
        return tracker;
    }

    public PluginManager pluginManager() {
        return pluginManager;
    }

    /** The demo's Bitbucket simulator; null without {@code --demo}. */
    public BitbucketSimulator simulator() {
        return simulator;
    }

    /** How many passwords were checked against their hash (PBKDF2) since start. */
    public long passwordChecks() {
        return passwordChecks.sum();
    }

    /** The host database's pool, for tests; null before start. */
    public javax.sql.DataSource dataSource() {
        return database == null ? null : database.dataSource();
    }

    public ActiveObjectsFactory activeObjects() {
        return activeObjects;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("Shutting down {} failed: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }
}
