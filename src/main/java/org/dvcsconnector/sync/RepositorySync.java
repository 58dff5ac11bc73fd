package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.FormPostPager;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full and soft sync of repositories as cluster-wide jobs: one job id per repository (so a request while
 * one is queued replaces it rather than piling up), one node at a time per repository (a cluster lock as
 * well, since a job may be re-queued while it runs), progress in {@link SyncStateEntity}, and an entry per
 * run in the {@link SyncAuditLog}.
 *
 * <p>Newest first: a full sync stores a repository's recent work in a few requests, then its older history in turns
 * ({@link FullSync}); before each turn, the account's other repositories that wait go first ({@link TurnOrder}), so
 * every repository's recent work arrives before any repository's old pages. A run that lets the others go queues its
 * next turn; a pause (Bitbucket's rate limit, the account's budget) resumes by itself where it stopped.
 */
public final class RepositorySync {

    public static final String RUNNER = "dvcs.sync";
    static final java.time.Duration BUSY_WAIT = java.time.Duration.ofSeconds(5);
    static final java.time.Duration BUSY_RETRY = java.time.Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RepositorySync.class);

    /**
     * The cluster lock every writer of a repository's development information holds: its syncs, the pushes applied
     * from its webhooks and the summary table's backfill.
     */
    public static String lockName(int repositoryId) {
        return RUNNER + "." + repositoryId;
    }

    private final AccountStore accounts;
    private final DevInfoStore store;
    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final SyncAuditLog auditLog;
    private final Clock clock;
    private final AfterSync afterSync;
    private final DevEventOutbox outbox;
    private final IntFunction<RequestBudget> budgets;
    private final TurnOrder turns;
    private final SyncJobs jobs;

    /** Called after each successful sync, still under the repository's lock (e.g. to register its webhook). */
    @FunctionalInterface
    public interface AfterSync {
        void synced(AccountEntity account, RepositoryEntity repository);
    }

    public RepositorySync(AccountStore accounts, DevInfoStore store, TokenService tokens, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, SchedulerService scheduler, ClusterLockService locks,
            IssueKeyExtractor keys, Clock clock) {
        this(accounts, store, tokens, http, endpoints, scheduler, locks, keys, clock, (account, repository) -> {});
    }

    public RepositorySync(AccountStore accounts, DevInfoStore store, TokenService tokens, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, SchedulerService scheduler, ClusterLockService locks,
            IssueKeyExtractor keys, Clock clock, AfterSync afterSync) {
        this(accounts, store, tokens, http, endpoints, scheduler, locks, keys, clock, afterSync,
                accountId -> RequestBudget.UNLIMITED);
    }

    /** {@code budgets}: each account's {@link RequestBudget}, charged for every request its syncs send. */
    public RepositorySync(AccountStore accounts, DevInfoStore store, TokenService tokens, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, SchedulerService scheduler, ClusterLockService locks,
            IssueKeyExtractor keys, Clock clock, AfterSync afterSync, IntFunction<RequestBudget> budgets) {
        this.afterSync = afterSync;
        this.budgets = budgets;
        this.accounts = accounts;
        this.store = store;
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.locks = locks;
        this.keys = keys;
        this.states = new SyncStates(store.ao(), clock);
        this.auditLog = new SyncAuditLog(store.ao(), clock);
        this.clock = clock;
        this.outbox = new DevEventOutbox(store.db(), scheduler, clock);
        this.jobs = new SyncJobs(states, scheduler, clock);
        this.turns = new TurnOrder(accounts, states, scheduler, clock);
    }

    public void register() {
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> run(Integer.parseInt(parameters.get("repositoryId")),
                Boolean.parseBoolean(parameters.get("full")), Boolean.parseBoolean(parameters.get("history"))));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /**
     * Queues a sync of the repository; false when there is no such repository. A paused repository stays paused: the
     * request joins the run that resumes when the pause ends ({@link SyncJobs#request}).
     */
    public boolean request(int repositoryId, boolean full) {
        if (accounts.repository(repositoryId).isEmpty()) {
            return false;
        }
        jobs.request(repositoryId, full);
        return true;
    }

    /** Queues a sync of each linked repository of the account; false when there is no such account. */
    public boolean requestAccount(int accountId, boolean full) {
        if (accounts.find(accountId).isEmpty()) {
            return false;
        }
        for (RepositoryEntity repository : accounts.repositories(accountId)) {
            if (repository.isLinked() && !repository.isDeleted()) {
                request(repository.getID(), full);
            }
        }
        return true;
    }

    /**
     * After discovery: a soft sync (a full one the first time) of each linked repository not already queued. A
     * running one is asked again: it may have read Bitbucket before what the administrator's refresh is for.
     */
    public void afterDiscovery(int accountId) {
        Map<Integer, SyncProgress> progress = states.all();
        for (RepositoryEntity repository : accounts.repositories(accountId)) {
            SyncProgress p = progress.get(repository.getID());
            // A queued turn of older history reads nothing new: a soft sync goes before it (and then carries it on).
            boolean queued = p != null && p.state() == SyncProgress.State.QUEUED && p.type() != SyncKind.HISTORY;
            if (repository.isLinked() && !repository.isDeleted() && !queued) {
                request(repository.getID(), false);
            }
        }
    }

    /** {@link org.dvcsconnector.account.RepositoryWriters}: runs work under the repository's write lock. */
    public boolean whileIdle(int repositoryId, java.time.Duration wait, Runnable work) {
        ClusterLock lock = locks.getLockForName(lockName(repositoryId));
        if (!acquire(lock, wait)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Every repository's sync state with its forecast (ETA, requests left), by repository id. */
    public Map<Integer, SyncProgress> progress() {
        return SyncForecast.apply(states.all(), accounts.allRepositories(), budgets, clock.instant());
    }

    /** The audit log of the given repositories (id → name), newest first. */
    public List<SyncRunView> auditLog(Map<Integer, String> repositories, int limit) {
        return auditLog.latest(repositories, limit);
    }

    void run(int repositoryId, boolean fullRequested) {
        run(repositoryId, fullRequested, false);
    }

    /** {@code history}: a turn of older history (a queued run that let others go first, or one resuming after a pause). */
    void run(int repositoryId, boolean fullRequested, boolean history) {
        RepositoryEntity repository = accounts.repository(repositoryId).orElse(null);
        AccountEntity account = repository == null ? null : accounts.find(repository.getAccountId()).orElse(null);
        String reason = stopReason(repository, account);
        if (reason != null) {
            states.stoppedIfQueued(repositoryId, reason); // not left "queued" for ever
            return;
        }
        if (!AccountStatus.ACTIVE.name().equals(account.getStatus())) {
            return;
        }
        ClusterLock lock = locks.getLockForName(lockName(repositoryId));
        // Waiting a little: a push being applied from its webhook holds the lock for milliseconds, and waiting here
        // beats a round trip through the scheduler.
        if (!acquire(lock, BUSY_WAIT)) {
            // A sync elsewhere holds the repository for longer than a push takes to apply. Dropping this run could
            // lose what it was asked for (a pull request change), so it runs again once the holder is done.
            LOG.info("Repository {} is busy (a sync or a webhook holds it); this sync runs again in {} s", repositoryId,
                    BUSY_RETRY.toSeconds());
            jobs.schedule(repositoryId, fullRequested ? SyncKind.FULL : history ? SyncKind.HISTORY : SyncKind.SOFT,
                    clock.instant().plus(BUSY_RETRY));
            return;
        }
        try {
            SyncKind kind = fullRequested || !states.hasBaseline(repositoryId) ? SyncKind.FULL
                    : history ? SyncKind.HISTORY : SyncKind.SOFT;
            sync(account, repository, kind);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the lock, waiting up to {@code wait}; false when it was not had (or the wait was interrupted). */
    private static boolean acquire(ClusterLock lock, java.time.Duration wait) {
        try {
            return lock.tryLock(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void sync(AccountEntity account, RepositoryEntity repository, SyncKind type) {
        int id = repository.getID();
        states.started(id, type);
        int audit = auditLog.started(id, type);
        BitbucketEndpoints where = endpoints.get();
        OkHttpClient client = BitbucketHttp.forAccount(http, tokens.forAccount(account.getID()),
                budgets.apply(account.getID()));
        RepositoryReader reader = new RepositoryReader(new BitbucketApi(client, where), new FormPostPager(client),
                where.apiBaseUrl(), account.getWorkspace(), RepositoryReader.address(repository));
        SyncRun run = SyncRun.forSync(type, id, reader, store, keys, states, outbox, () -> stopReason(id));
        boolean inHistory = type == SyncKind.HISTORY;
        Instant goOn = null;
        String error = null;
        try {
            if (!inHistory) {
                run = work(run, repository);
                markSynced(id);
                // Its baseline is stored: the webhook can bring pushes in while the older history fills in.
                accounts.repository(id).ifPresent(r -> afterSync.synced(account, r));
            }
            inHistory = true;
            goOn = FullSync.history(run, states, turns, account.getID());
            LOG.info("{} sync of {}/{}: {} new commits, {} pull requests, {} requests{}", type, account.getWorkspace(),
                    repository.getSlug(), run.commitsAdded(), run.pullRequestsSaved(), reader.requests(),
                    goOn == null ? "" : "; older history goes on in its next turn");
        } catch (RateLimitedException e) {
            pause(run, account, repository, audit, e, inHistory);
            return;
        } catch (SyncStopped e) {
            run.wakeDispatcher();
            LOG.info("{} sync of {}/{} stopped: {}", type, account.getWorkspace(), repository.getSlug(), e.getMessage());
            states.stopped(id, reader.requests(), e.getMessage());
            finishAudit(audit, run, reader.requests(), "Stopped. " + e.getMessage() + ".");
            return;
        } catch (BitbucketException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            error = inHistory ? "Older history: " + why + " (the recent work is stored; the next sync carries on)" : why;
            LOG.warn("{} sync of {}/{} failed: {}", type, account.getWorkspace(), repository.getSlug(), error);
        }
        run.wakeDispatcher();
        if (error == null && goOn != null) {
            states.yielded(id, reader.requests());
            finishAudit(audit, run, reader.requests(), null);
            jobs.schedule(id, SyncKind.HISTORY, goOn);
            return;
        }
        states.finished(id, reader.requests(), error, run.skipped());
        if (error == null && type == SyncKind.HISTORY) {
            markSynced(id);
        }
        finishAudit(audit, run, reader.requests(), error);
    }

    /** Runs the sync; returns the run as it ended (a soft sync that found a stored head gone carries on in full). */
    private SyncRun work(SyncRun run, RepositoryEntity repository) throws BitbucketException {
        if (run.kind() == SyncKind.FULL) {
            FullSync.recent(run, states);
            return run;
        }
        try {
            SoftSync.run(run, states);
            return run;
        } catch (BitbucketException e) {
            if (e.status() != 404) {
                throw e;
            }
            // A stored head is gone (history rewritten): only a full sync can say what is left.
            LOG.info("Soft sync of {} found a stored head gone; running a full sync", repository.getSlug());
            SyncRun full = run.asFull();
            FullSync.recent(full, states);
            return full;
        }
    }

    /**
     * Nothing is lost: the cursors only moved for stored data. The sync carries on when Bitbucket or the budget
     * allows it: older history as a turn of it, anything else as the kind it was.
     */
    private void pause(SyncRun run, AccountEntity account, RepositoryEntity repository, int audit,
            RateLimitedException e, boolean inHistory) {
        run.wakeDispatcher();
        int id = repository.getID();
        int requests = run.reader().requests();
        String message = pauseMessage(e);
        LOG.info("{} sync of {}/{} paused by {} until {}", run.kind(), account.getWorkspace(), repository.getSlug(),
                e.isOwnBudget() ? "the account's request budget" : "Bitbucket's rate limit", e.resumeAt());
        SyncKind resume = inHistory ? SyncKind.HISTORY : run.kind();
        states.paused(id, requests, message, e.resumeAt(), e.reason(), resume);
        finishAudit(audit, run, requests, message);
        jobs.schedule(id, resume, e.resumeAt());
    }

    /** "Paused until 11:00 (this account's budget of 900 requests/hour is spent)." */
    static String pauseMessage(RateLimitedException e) {
        String until = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(e.resumeAt());
        return "Paused until " + until + " (" + (e.isOwnBudget() ? e.getMessage()
                : "Bitbucket's rate limit for this consumer is reached") + "); it resumes by itself.";
    }

    /**
     * Why a sync of the repository should not start or go on, or null when it should. A new read each time: an
     * administrator unlinking the repository or deleting its account on any node stops the sync at its next page.
     */
    private String stopReason(int repositoryId) {
        RepositoryEntity repository = accounts.repository(repositoryId).orElse(null);
        return stopReason(repository, repository == null ? null : accounts.find(repository.getAccountId()).orElse(null));
    }

    private static String stopReason(RepositoryEntity repository, AccountEntity account) {
        if (account == null || AccountStatus.DELETING.name().equals(account.getStatus())) {
            return "Its account is being deleted"; // the only way a repository's row goes
        }
        if (repository.isDeleted()) {
            return "The repository is gone from Bitbucket";
        }
        if (!repository.isLinked()) {
            return "The repository was unlinked; link it again to sync it";
        }
        return null;
    }

    /** When the repository last synced without error (its state lives in {@link SyncStates}, alone). */
    private void markSynced(int repositoryId) {
        accounts.inTransaction(() -> {
            accounts.repository(repositoryId).ifPresent(r -> {
                r.setLastSyncAt(clock.millis());
                r.save();
            });
            return null;
        });
    }

    private void finishAudit(int auditId, SyncRun run, int requests, String error) {
        auditLog.finished(auditId, new SyncAuditLog.Counts(run.commitsAdded(), run.branches(), run.pullRequestsSaved(), requests),
                error, run.skipped());
    }
}
