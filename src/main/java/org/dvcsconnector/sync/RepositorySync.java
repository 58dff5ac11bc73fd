package org.dvcsconnector.sync;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import net.java.ao.Query;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.AccessTokenSource;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.RateLimitedException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.SyncRunEntity;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full and soft sync of repositories as cluster-wide jobs: one job id per repository (so a request while
 * one is queued replaces it rather than piling up), one node at a time per repository (a cluster lock as
 * well, since a job may be re-queued while it runs), progress in {@link SyncStateEntity}, and an audit row
 * per run in {@link SyncRunEntity} (the latest {@value #KEEP_RUNS} per repository are kept).
 */
public final class RepositorySync {

    public static final String RUNNER = "dvcs.sync";
    static final int KEEP_RUNS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(RepositorySync.class);

    private final AccountStore accounts;
    private final DevInfoStore store;
    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final Clock clock;
    private final AfterSync afterSync;
    private final DevEventOutbox outbox;

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
        this.afterSync = afterSync;
        this.accounts = accounts;
        this.store = store;
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.locks = locks;
        this.keys = keys;
        this.states = new SyncStates(store.ao(), clock);
        this.clock = clock;
        this.outbox = new DevEventOutbox(store.ao(), scheduler, clock);
    }

    public void register() {
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> run(Integer.parseInt(parameters.get("repositoryId")),
                Boolean.parseBoolean(parameters.get("full"))));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /** Queues a sync of the repository; false when there is no such repository. */
    public boolean request(int repositoryId, boolean full) {
        if (accounts.repository(repositoryId).isEmpty()) {
            return false;
        }
        states.queued(repositoryId, full ? "FULL" : "SOFT");
        scheduler.scheduleJob(RUNNER + "." + repositoryId, new JobConfig(RUNNER, JobSchedule.now(),
                Map.of("repositoryId", Integer.toString(repositoryId), "full", Boolean.toString(full))));
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

    /** After discovery: a soft sync (a full one the first time) of each linked repository not already queued. */
    public void afterDiscovery(int accountId) {
        Map<Integer, SyncProgress> progress = states.all();
        for (RepositoryEntity repository : accounts.repositories(accountId)) {
            SyncProgress p = progress.get(repository.getID());
            boolean pending = p != null && (p.state() == SyncProgress.State.QUEUED || p.state() == SyncProgress.State.RUNNING);
            if (repository.isLinked() && !repository.isDeleted() && !pending) {
                request(repository.getID(), false);
            }
        }
    }

    /** Every repository's sync state, by repository id (one query). */
    public Map<Integer, SyncProgress> progress() {
        return states.all();
    }

    void run(int repositoryId, boolean fullRequested) {
        RepositoryEntity repository = accounts.repository(repositoryId).orElse(null);
        if (repository == null || repository.isDeleted() || !repository.isLinked()) {
            return;
        }
        AccountEntity account = accounts.find(repository.getAccountId()).orElse(null);
        if (account == null || !AccountStatus.ACTIVE.name().equals(account.getStatus())) {
            return;
        }
        ClusterLock lock = locks.getLockForName(RUNNER + "." + repositoryId);
        if (!lock.tryLock()) {
            LOG.info("Repository {} is being synced elsewhere; this run is skipped", repositoryId);
            return;
        }
        try {
            boolean full = fullRequested || !states.hasBaseline(repositoryId);
            sync(account, repository, full);
        } finally {
            lock.unlock();
        }
    }

    private void sync(AccountEntity account, RepositoryEntity repository, boolean full) {
        int id = repository.getID();
        String type = full ? "FULL" : "SOFT";
        states.started(id, type);
        setRepositoryState(id, "RUNNING", null);
        SyncRunEntity audit = store.ao().executeInTransaction(() -> store.ao().create(SyncRunEntity.class,
                Map.of("REPOSITORY_ID", id, "TYPE", type, "STARTED", clock.millis())));
        BitbucketEndpoints where = endpoints.get();
        AccessTokenSource token = tokens.forAccount(account.getID());
        RepositoryReader reader = new RepositoryReader(new BitbucketApi(http, where, token), new FormPostPager(http, token),
                where.apiBaseUrl(), account.getWorkspace(), repository.getSlug());
        SyncRun run = new SyncRun(id, reader, store, keys, states, outbox, !full); // a full sync is backfill
        String error = null;
        try {
            if (full) {
                FullSync.run(run, states);
            } else {
                try {
                    SoftSync.run(run, states);
                } catch (BitbucketException e) {
                    if (e.status() != 404) {
                        throw e;
                    }
                    // A stored head is gone (history rewritten): only a full sync can say what is left.
                    LOG.info("Soft sync of {} found a stored head gone; running a full sync", repository.getSlug());
                    run.recordEvents = false;
                    FullSync.run(run, states);
                }
            }
            LOG.info("{} sync of {}/{}: {} new commits, {} pull requests, {} requests", type, account.getWorkspace(),
                    repository.getSlug(), run.commitsAdded, run.pullRequestsSaved, reader.requests());
        } catch (RateLimitedException e) {
            run.wakeDispatcher();
            // Nothing is lost: the cursors only moved for stored data. Carry on when Bitbucket allows it.
            String resume = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(e.resumeAt());
            error = "Paused by Bitbucket's rate limit, resumes at " + resume + ".";
            LOG.info("{} sync of {}/{} paused by the rate limit until {}", type, account.getWorkspace(),
                    repository.getSlug(), e.resumeAt());
            states.finished(id, reader.requests(), error, false);
            setRepositoryState(id, "PAUSED", null);
            finishAudit(audit.getID(), run, reader.requests(), error);
            scheduler.scheduleJob(RUNNER + "." + id, new JobConfig(RUNNER, new JobSchedule.Once(e.resumeAt()),
                    Map.of("repositoryId", Integer.toString(id), "full", Boolean.toString(full))));
            return;
        } catch (BitbucketException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("{} sync of {}/{} failed: {}", type, account.getWorkspace(), repository.getSlug(), error);
        }
        run.wakeDispatcher();
        states.finished(id, reader.requests(), error, error == null && full);
        setRepositoryState(id, error == null ? "DONE" : "FAILED", error == null ? clock.millis() : null);
        finishAudit(audit.getID(), run, reader.requests(), error);
        if (error == null) {
            accounts.repository(id).ifPresent(r -> afterSync.synced(account, r));
        }
    }

    private void setRepositoryState(int repositoryId, String state, Long syncedAt) {
        accounts.inTransaction(() -> {
            accounts.repository(repositoryId).ifPresent(r -> {
                r.setSyncState(state);
                if (syncedAt != null) {
                    r.setLastSyncAt(syncedAt);
                }
                r.save();
            });
            return null;
        });
    }

    private void finishAudit(int auditId, SyncRun run, int requests, String error) {
        store.ao().executeInTransaction(() -> {
            SyncRunEntity audit = store.ao().get(SyncRunEntity.class, auditId);
            audit.setFinished(clock.millis());
            audit.setCommits(run.commitsAdded);
            audit.setBranches(run.branches);
            audit.setPullRequests(run.pullRequestsSaved);
            audit.setRequests(requests);
            audit.setError(error);
            audit.save();
            SyncRunEntity[] old = store.ao().find(SyncRunEntity.class, Query.select()
                    .where("REPOSITORY_ID = ?", audit.getRepositoryId()).order("ID DESC").offset(KEEP_RUNS).limit(1000));
            if (old.length > 0) {
                store.ao().delete(old);
            }
            return null;
        });
    }
}
