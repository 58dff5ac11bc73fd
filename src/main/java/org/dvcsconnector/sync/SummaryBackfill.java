package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.devinfo.DevInfoWrite;
import org.dvcsconnector.devinfo.SummaryTableReadiness;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the issue summary table once from the links stored before it existed (an upgrade), one repository at a
 * time under the repository's sync lock and in one transaction, so no sync writes it meanwhile, then sums every
 * issue's totals in one statement (under the totals' lock, so writes meanwhile are never lost). A repository busy
 * with a long sync, or whose build failed, is left for the next run a minute later. Until every repository is done
 * the panel counts links, so the answers are right throughout, only slower. A cluster-wide job: one node builds,
 * every node then reads.
 */
public final class SummaryBackfill {

    public static final String RUNNER = "dvcs.summary-backfill";
    static final Duration BUSY_WAIT = Duration.ofSeconds(2);
    static final Duration BUSY_RETRY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(SummaryBackfill.class);

    private final AccountStore accounts;
    private final DevInfoStore store;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final SummaryTableReadiness readiness;
    private final Clock clock;
    /** Built by this node; a run taken over by another node builds them again, which is harmless. */
    private final Set<Integer> built = ConcurrentHashMap.newKeySet();

    public SummaryBackfill(AccountStore accounts, DevInfoStore store, SchedulerService scheduler, ClusterLockService locks,
            SummaryTableReadiness readiness, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.scheduler = scheduler;
        this.locks = locks;
        this.readiness = readiness;
        this.clock = clock;
    }

    /** Prepares the totals, registers the runner and, unless the tables are complete, queues the build. */
    public void register() {
        try {
            store.writer().prepareTotals(); // before any sync writes: see IssueTotals#prepare
        } catch (RuntimeException e) {
            LOG.warn("The issue totals' lock row could not be created; the first write will create it", e);
        }
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> run());
        if (!readiness.ready()) {
            scheduler.scheduleJob(RUNNER, new JobConfig(RUNNER, JobSchedule.now(), Map.of()));
        }
    }

    public void unregister() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /** Builds what is left; returns whether the table is complete. */
    boolean run() throws InterruptedException {
        if (readiness.ready()) {
            return true;
        }
        long started = clock.millis();
        int busy = 0;
        for (RepositoryEntity repository : accounts.allRepositories()) {
            int id = repository.getID();
            if (repository.isDeleted() || built.contains(id)) {
                continue; // a deleted repository's rows go with it
            }
            ClusterLock lock = locks.getLockForName(RepositorySync.lockName(id));
            if (!lock.tryLock(BUSY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                busy++;
                continue;
            }
            try {
                store.writer().write(id, DevInfoWrite::rebuildSummaries);
                built.add(id);
            } catch (RuntimeException e) {
                // Rolled back whole; the panel keeps counting links meanwhile, so retrying later loses nothing.
                LOG.warn("Issue summaries of repository {} could not be built; trying again in {} s", id,
                        BUSY_RETRY.toSeconds(), e);
                busy++;
            } finally {
                lock.unlock();
            }
        }
        if (busy > 0) {
            LOG.info("Issue summaries: {} repositories busy syncing or failed; building theirs in {} s", busy,
                    BUSY_RETRY.toSeconds());
            scheduler.scheduleJob(RUNNER, new JobConfig(RUNNER, new JobSchedule.Once(clock.instant().plus(BUSY_RETRY)),
                    Map.of()));
            return false;
        }
        try {
            store.writer().rebuildTotals(); // writes meanwhile refreshed only the issues they touched
        } catch (RuntimeException e) {
            LOG.warn("Issue totals could not be summed; trying again in {} s", BUSY_RETRY.toSeconds(), e);
            scheduler.scheduleJob(RUNNER, new JobConfig(RUNNER, new JobSchedule.Once(clock.instant().plus(BUSY_RETRY)),
                    Map.of()));
            return false;
        }
        readiness.markReady();
        LOG.info("Issue summaries built for {} repositories in {} ms; the panel reads them from now on", built.size(),
                clock.millis() - started);
        return true;
    }
}
