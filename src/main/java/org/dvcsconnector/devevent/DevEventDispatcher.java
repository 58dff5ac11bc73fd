package org.dvcsconnector.devevent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.api.DevEvent;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.EventPublisher;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox as a cluster-wide job (woken after each sync that recorded events, and every minute as a
 * safety net), under a cluster lock so one node drains at a time. Per event: the handlers (smart commits,
 * triggers), then publication on the host's event bus, each through the {@link ActionJournal}; then the event is
 * DONE. Old events and journal rows are pruned: {@value #KEEP_DAYS} days, at most {@value #KEEP_ACTIONS} rows.
 */
public final class DevEventDispatcher {

    static final int KEEP_DAYS = 30;
    static final int KEEP_ACTIONS = 10_000;
    private static final int BATCH = 50;
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(DevEventDispatcher.class);

    private final ActiveObjects ao;
    private final AccountStore accounts;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final EventPublisher publisher;
    private final List<DevEventHandler> handlers;
    private final ActionJournal journal;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final Clock clock;

    public DevEventDispatcher(ActiveObjects ao, AccountStore accounts, SchedulerService scheduler, ClusterLockService locks,
            EventPublisher publisher, List<DevEventHandler> handlers, ActionJournal journal,
            Supplier<BitbucketEndpoints> endpoints, Clock clock) {
        this.ao = ao;
        this.accounts = accounts;
        this.scheduler = scheduler;
        this.locks = locks;
        this.publisher = publisher;
        this.handlers = List.copyOf(handlers);
        this.journal = journal;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    public void register() {
        scheduler.registerJobRunner(DevEventOutbox.RUNNER, (jobId, parameters) -> drain());
        scheduler.scheduleJob(DevEventOutbox.RUNNER + ".poll", new JobConfig(DevEventOutbox.RUNNER,
                new JobSchedule.Interval(Duration.ofMinutes(1), clock.instant().plusSeconds(60)), Map.of()));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(DevEventOutbox.RUNNER);
    }

    /**
     * Handles every pending event; returns how many. Waits for a drain running elsewhere (it may have read the
     * queue before this wake-up's events were committed), then drains what is left.
     */
    public int drain() throws InterruptedException {
        ClusterLock lock = locks.getLockForName(DevEventOutbox.RUNNER);
        if (!lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return 0; // a long drain elsewhere: it or the periodic drain will take these
        }
        int handled = 0;
        try {
            DevEventEntity[] batch;
            do {
                batch = ao.find(DevEventEntity.class, Query.select().where("STATE = ?", "PENDING").order("ID").limit(BATCH));
                for (DevEventEntity event : batch) {
                    handle(event);
                    handled++;
                }
            } while (batch.length == BATCH);
            prune();
        } finally {
            lock.unlock();
        }
        return handled;
    }

    private void handle(DevEventEntity row) {
        int id = row.getID();
        try {
            context(row).ifPresent(context -> {
                for (DevEventHandler handler : handlers) {
                    handler.handle(context, journal);
                }
                journal.once(context, new ActionJournal.Action(ActionJournal.PUBLISH, "publish", null, null), () -> {
                    publisher.publish(context.event());
                    return ActionJournal.Result.done(null, null);
                });
            });
        } catch (RuntimeException e) {
            // The journal keeps what ran; marking the event done stops one bad event from blocking the queue.
            LOG.warn("Development event {} could not be handled completely", id, e);
        }
        ao.executeInTransaction(() -> {
            DevEventEntity fresh = ao.get(DevEventEntity.class, id);
            fresh.setState("DONE");
            fresh.save();
            return null;
        });
    }

    /** Empty when the repository or its account is gone: nothing to act for. */
    private Optional<DevEventContext> context(DevEventEntity row) {
        Optional<RepositoryEntity> repository = accounts.repository(row.getRepositoryId())
                .filter(r -> r.isLinked() && !r.isDeleted());
        Optional<AccountEntity> account = repository.flatMap(r -> accounts.find(r.getAccountId()));
        if (repository.isEmpty() || account.isEmpty()) {
            return Optional.empty();
        }
        DevEventType type = DevEventType.valueOf(row.getType());
        String workspace = account.get().getWorkspace();
        String slug = repository.get().getSlug();
        String target = org.dvcsconnector.db.StoredText.shown(row.getTarget(), row.getFullTarget());
        String url = row.getUrl() != null ? row.getUrl() : link(type, workspace, slug, target);
        List<String> keys = row.getIssueKeys() == null || row.getIssueKeys().isBlank() ? List.of()
                : Arrays.asList(row.getIssueKeys().split(" "));
        DevEvent event = new DevEvent(type, workspace, slug, target, url, keys, row.getActorEmail(),
                row.getActorAccountId(), Instant.ofEpochMilli(row.getOccurredAt()), row.getActorName());
        return Optional.of(new DevEventContext(row.getID(), row.getRepositoryId(), event, row.getMessage(),
                repository.get().isSmartCommits() && account.get().isSmartCommits(),
                account.get().isVerifiedAuthorsOnly()));
    }

    private String link(DevEventType type, String workspace, String slug, String target) {
        String base = endpoints.get().siteBaseUrl() + "/" + workspace + "/" + slug;
        return switch (type) {
            case COMMIT_CREATED -> base + "/commits/" + target;
            case BRANCH_CREATED -> base + "/branch/" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
            default -> base + "/pull-requests/" + target;
        };
    }

    private void prune() {
        long cutoff = clock.millis() - Duration.ofDays(KEEP_DAYS).toMillis();
        ao.deleteWithSQL(DevEventEntity.class, "STATE = ? AND CREATED_AT < ?", "DONE", cutoff);
        ao.deleteWithSQL(DevEventActionEntity.class, "CREATED_AT < ?", cutoff);
        DevEventActionEntity[] beyond = ao.find(DevEventActionEntity.class,
                Query.select().order("ID DESC").offset(KEEP_ACTIONS).limit(1));
        if (beyond.length > 0) {
            ao.deleteWithSQL(DevEventActionEntity.class, "ID <= ?", beyond[0].getID());
        }
    }
}
