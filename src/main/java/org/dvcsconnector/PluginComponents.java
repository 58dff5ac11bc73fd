package org.dvcsconnector;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.account.legacy.LegacyImport;
import org.dvcsconnector.admin.AccountAdmin;
import org.dvcsconnector.admin.AccountDeletion;
import org.dvcsconnector.admin.AdminNotices;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.DevEventDispatcher;
import org.dvcsconnector.devinfo.DevInfoCleaner;
import org.dvcsconnector.devinfo.DevInfoQueries;
import org.dvcsconnector.devinfo.DevInfoService;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.SummaryTableReadiness;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.smartcommit.SmartCommitExecutor;
import org.dvcsconnector.smartcommit.SmartCommitParser;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ApplicationProperties;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.EventPublisher;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.LifecycleAware;
import org.dvcsconnector.spi.LoginUriProvider;
import org.dvcsconnector.spi.ModuleFactory;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.spi.SecretCipher;
import org.dvcsconnector.spi.TemplateRenderer;
import org.dvcsconnector.spi.TimeTrackingConfiguration;
import org.dvcsconnector.spi.TransactionalExecutorFactory;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.XsrfTokenValidator;
import org.dvcsconnector.sync.AccountRequestBudgets;
import org.dvcsconnector.sync.ChangedRepositories;
import org.dvcsconnector.sync.RepositoryDiscovery;
import org.dvcsconnector.sync.RepositorySync;
import org.dvcsconnector.sync.SafetyNetSync;
import org.dvcsconnector.sync.SummaryBackfill;
import org.dvcsconnector.sync.SyncStateCleaner;
import org.dvcsconnector.trigger.ServiceUser;
import org.dvcsconnector.trigger.StrictMode;
import org.dvcsconnector.trigger.TriggerAdmin;
import org.dvcsconnector.trigger.TriggerExecutor;
import org.dvcsconnector.trigger.TriggerRules;
import org.dvcsconnector.web.AccessGuard;
import org.dvcsconnector.web.AccountsAdminServlet;
import org.dvcsconnector.web.AdminPages;
import org.dvcsconnector.web.DevInfoPanel;
import org.dvcsconnector.web.OAuthCallbackServlet;
import org.dvcsconnector.web.TriggersAdminServlet;
import org.dvcsconnector.web.rest.AccountsResource;
import org.dvcsconnector.web.rest.DevInfoResource;
import org.dvcsconnector.web.rest.JsonErrorMapper;
import org.dvcsconnector.web.rest.RepositoriesResource;
import org.dvcsconnector.web.rest.SmartCommitsResource;
import org.dvcsconnector.web.rest.TriggersResource;
import org.dvcsconnector.webhook.WebhookProcessor;
import org.dvcsconnector.webhook.WebhookReceiver;
import org.dvcsconnector.webhook.WebhookRegistration;
import org.dvcsconnector.webhook.WebhookRemoval;
import org.dvcsconnector.webhook.WebhooksResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plugin's object graph, wired by hand in one place. */
final class PluginComponents implements ModuleFactory, LifecycleAware {

    private static final Logger LOG = LoggerFactory.getLogger(PluginComponents.class);

    private final Map<Class<?>, Supplier<?>> modules;
    private final OkHttpClient http = BitbucketHttp.newClient();
    private final RepositoryDiscovery discovery;
    private final RepositorySync sync;
    private final WebhookProcessor webhookProcessor;
    private final AccountDeletion deletion;
    private final LegacyImport legacyImport;
    private final SafetyNetSync safetyNet;
    private final DevEventDispatcher devEvents;
    private final SummaryBackfill summaryBackfill;

    /** @param pluginKey the plugin's key, from which AO derives its table names */
    PluginComponents(HostServices host, String pluginKey) {
        Clock clock = Clock.systemUTC();
        UserManager userManager = host.get(UserManager.class);
        ActiveObjects activeObjects = host.get(ActiveObjects.class);
        PluginDatabase db = new PluginDatabase(host.get(TransactionalExecutorFactory.class), pluginKey);
        PluginSettings settings = host.get(PluginSettings.class);
        SchedulerService scheduler = host.get(SchedulerService.class);
        Supplier<BitbucketEndpoints> endpoints = () -> BitbucketEndpoints.from(settings);

        AccountStore store = new AccountStore(activeObjects, db);
        Secrets secrets = new Secrets(host.get(SecretCipher.class));
        OAuthTokenClient oauth = new OAuthTokenClient(http, clock);
        TokenService tokens = new TokenService(store, secrets, oauth, host.get(ClusterLockService.class), endpoints, clock);
        AccountLinker linker = new AccountLinker(store, secrets, oauth, http, endpoints, clock);
        DevInfoStore devInfo = new DevInfoStore(activeObjects, db);
        SummaryTableReadiness summaryReadiness = new SummaryTableReadiness(settings, clock);
        summaryBackfill = new SummaryBackfill(store, devInfo, scheduler, host.get(ClusterLockService.class),
                summaryReadiness, clock);
        ApplicationProperties applicationProperties = host.get(ApplicationProperties.class);
        AdminNotices notices = new AdminNotices(settings);
        WebhookRemoval webhookRemoval = new WebhookRemoval(tokens, http, endpoints, applicationProperties::getBaseUrl);
        WebhookRegistration webhooks = new WebhookRegistration(store, secrets, tokens, http, endpoints,
                applicationProperties::getBaseUrl);
        IssueKeyExtractor issueKeys = new IssueKeyExtractor(host.get(IssueService.class), clock);
        // The webhook is registered after a repository's first successful sync (retried after each until it is).
        AccountRequestBudgets budgets = new AccountRequestBudgets(activeObjects, host.get(ClusterLockService.class),
                settings, clock);
        sync = new RepositorySync(store, devInfo, tokens, http, endpoints, scheduler, host.get(ClusterLockService.class),
                issueKeys, clock, webhooks::ensureRegistered, budgets::forAccount);
        webhookProcessor = new WebhookProcessor(store, devInfo, sync, scheduler, host.get(ClusterLockService.class),
                issueKeys, clock);
        WebhookReceiver webhookReceiver = new WebhookReceiver(store, secrets, scheduler, clock);
        discovery = new RepositoryDiscovery(store, tokens, http, endpoints, scheduler, sync, clock,
                devInfo.writer()::repositoryVisibilityChanged);
        safetyNet = new SafetyNetSync(store, sync, new ChangedRepositories(tokens, http, endpoints, budgets::forAccount),
                budgets::forAccount, scheduler, settings, clock);
        deletion = new AccountDeletion(store, scheduler,
                List.of(new DevInfoCleaner(devInfo), new SyncStateCleaner(db), budgets), webhookRemoval, notices,
                devInfo.writer()::repositoryVisibilityChanged, sync::whileIdle, clock);
        legacyImport = new LegacyImport(activeObjects, db, store, secrets, host.get(ClusterLockService.class), settings, clock);
        AccountAdmin accounts = new AccountAdmin(store, linker, secrets, oauth, endpoints, discovery, deletion, sync, clock, webhooks,
                devInfo.writer()::repositoryVisibilityChanged, budgets, host.get(I18nResolver.class));

        IssueService issues = host.get(IssueService.class);
        ActionJournal journal = new ActionJournal(activeObjects, clock);
        ServiceUser serviceUser = new ServiceUser(settings, userManager);
        StrictMode strictMode = new StrictMode(settings);
        TriggerRules triggerRules = new TriggerRules(activeObjects, issues);
        devEvents = new DevEventDispatcher(activeObjects, store, scheduler, host.get(ClusterLockService.class),
                host.get(EventPublisher.class), List.of(
                        new SmartCommitExecutor(issues, userManager, host.get(PermissionService.class),
                                new SmartCommitParser(issueKeys, host.get(TimeTrackingConfiguration.class))),
                        new TriggerExecutor(triggerRules, issues, userManager, devInfo, serviceUser, strictMode, clock)),
                journal, endpoints, clock);
        TriggerAdmin triggers = new TriggerAdmin(triggerRules, serviceUser, strictMode, journal);

        DevInfoService devInfoService = new DevInfoService(host.get(PermissionService.class),
                new DevInfoQueries(db, () -> BitbucketEndpoints.siteBaseUrl(settings), summaryReadiness::ready));
        modules = modules(host, new Services(accounts, notices, triggers, webhookReceiver, devInfoService));
    }

    /** What the pages and REST resources are built on. */
    private record Services(AccountAdmin accounts, AdminNotices notices, TriggerAdmin triggers,
            WebhookReceiver webhookReceiver, DevInfoService devInfo) {}

    /** The module classes atlassian-plugin.xml declares, each with how to build it. */
    private static Map<Class<?>, Supplier<?>> modules(HostServices host, Services services) {
        UserManager userManager = host.get(UserManager.class);
        IssueService issues = host.get(IssueService.class);
        ApplicationProperties applicationProperties = host.get(ApplicationProperties.class);
        AccessGuard accessGuard = new AccessGuard(userManager, host.get(LoginUriProvider.class));
        AdminPages pages = new AdminPages(host.get(TemplateRenderer.class), host.get(XsrfTokenValidator.class),
                applicationProperties, host.get(I18nResolver.class));
        AccountAdmin accounts = services.accounts();
        TriggerAdmin triggers = services.triggers();
        return Map.ofEntries(
                Map.entry(TriggersAdminServlet.class, () -> new TriggersAdminServlet(accessGuard, triggers, issues, pages)),
                Map.entry(TriggersResource.class, () -> new TriggersResource(accessGuard, triggers)),
                Map.entry(SmartCommitsResource.class, () -> new SmartCommitsResource(accessGuard, triggers)),
                Map.entry(AccountsAdminServlet.class,
                        () -> new AccountsAdminServlet(accessGuard, accounts, services.notices(), pages)),
                Map.entry(OAuthCallbackServlet.class, () -> new OAuthCallbackServlet(accessGuard, accounts, pages)),
                Map.entry(AccountsResource.class, () -> new AccountsResource(accessGuard, accounts)),
                Map.entry(RepositoriesResource.class, () -> new RepositoriesResource(accessGuard, accounts)),
                Map.entry(WebhooksResource.class, () -> new WebhooksResource(services.webhookReceiver())),
                Map.entry(DevInfoResource.class, () -> new DevInfoResource(userManager, services.devInfo())),
                Map.entry(DevInfoPanel.class, () -> new DevInfoPanel(services.devInfo(), host.get(TemplateRenderer.class),
                        host.get(I18nResolver.class), applicationProperties)),
                Map.entry(JsonErrorMapper.class, JsonErrorMapper::new));
    }

    @Override
    public <T> T createModule(Class<T> moduleClass) {
        Supplier<?> supplier = modules.get(moduleClass);
        return supplier == null ? null : moduleClass.cast(supplier.get());
    }

    /** The tables exist now: import legacy accounts, then start the background work. */
    @Override
    public void onStart() {
        summaryBackfill.register(); // first: it prepares the issue totals that every later writer refreshes
        try {
            legacyImport.run();
        } catch (RuntimeException e) {
            LOG.error("Importing accounts of the legacy DVCS connector failed; they can be linked anew", e);
        }
        discovery.register();
        sync.register();
        safetyNet.start();
        webhookProcessor.register();
        deletion.register();
        deletion.resumeAll();
        devEvents.register();
    }

    @Override
    public void onStop() {
        discovery.unregister();
        sync.unregister();
        safetyNet.stop();
        webhookProcessor.unregister();
        deletion.unregister();
        devEvents.unregister();
        summaryBackfill.unregister();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
