package org.dvcsconnector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.sync.Actor;
import org.dvcsconnector.sync.PushApplier;
import org.dvcsconnector.sync.RepositoryReader;
import org.dvcsconnector.sync.RepositorySync;
import org.dvcsconnector.sync.ReviewEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a stored webhook delivery (the job queued by {@link WebhookReceiver}). A push's branch changes go to the
 * {@link PushApplier}, which stores what the payload fully describes with no API request. A push that builds on one
 * not stored yet, or that finds the repository's write lock held (a sync, another push), keeps its payload and runs
 * again, until {@link #BURST_WAIT} after its receipt; whatever is still not applied then, and every pull request
 * event, asks for a soft sync, which is always correct. A review (approval, changes requested) also raises its
 * development event from the payload ({@link ReviewEvents}). Everything runs under the repository's write lock, so it never
 * interleaves with a sync.
 */
public final class WebhookProcessor {

    /**
     * How long a push waits, from its receipt, for a push it builds on (a burst's deliveries arrive in any order, on
     * any node) before it is left to a soft sync.
     */
    public static final Duration BURST_WAIT = Duration.ofSeconds(10);
    /** When a waiting push is tried again if no push it builds on wakes it sooner. */
    static final Duration RETRY = Duration.ofSeconds(1);
    /** How long a delivery waits for the repository's write lock (held by another push or a sync) per attempt. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);

    private final AccountStore accounts;
    private final DevInfoStore store;
    private final RepositorySync sync;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final PushApplier pushes;
    private final ReviewEvents reviews;
    private final Clock clock;

    public WebhookProcessor(AccountStore accounts, DevInfoStore store, RepositorySync sync, SchedulerService scheduler,
            ClusterLockService locks, IssueKeyExtractor keys, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.sync = sync;
        this.scheduler = scheduler;
        this.locks = locks;
        this.pushes = new PushApplier(store, keys, scheduler, clock);
        this.reviews = new ReviewEvents(store, keys, scheduler, clock);
        this.clock = clock;
    }

    public void register() {
        scheduler.registerJobRunner(WebhookReceiver.RUNNER,
                (jobId, parameters) -> process(Integer.parseInt(parameters.get("deliveryId"))));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(WebhookReceiver.RUNNER);
    }

    public void process(int deliveryId) {
        WebhookDeliveryEntity delivery = store.ao().get(WebhookDeliveryEntity.class, deliveryId);
        if (delivery == null || delivery.getPayload() == null) {
            return; // pruned, or processed already (a job run twice)
        }
        int repositoryId = delivery.getRepositoryId();
        RepositoryEntity repository = accounts.repository(repositoryId).orElse(null);
        if (repository != null && repository.isLinked() && !repository.isDeleted()) {
            try {
                JsonNode payload = JSON.readTree(delivery.getPayload());
                if ("repo:push".equals(delivery.getEvent()) && !push(delivery, payload)) {
                    return; // waits for a push it builds on: the payload stays, the job runs again
                } else if (delivery.getEvent().startsWith("pullrequest:")) {
                    reviews.record(repositoryId, delivery.getEvent(), payload); // the sync stores the approvals
                    sync.request(repositoryId, false);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Webhook {} of repository {} could not be applied ({}); a soft sync will catch up",
                        delivery.getEvent(), repositoryId, e.toString(), e);
                sync.request(repositoryId, false);
            }
        }
        markProcessed(deliveryId);
    }

    private void markProcessed(int deliveryId) {
        store.ao().executeInTransaction(() -> {
            WebhookDeliveryEntity row = store.ao().get(WebhookDeliveryEntity.class, deliveryId);
            if (row != null) {
                row.setPayload(null);
                row.save();
            }
            return null;
        });
    }

    /**
     * Applies the push under the repository's write lock; false when it waits, for the lock or for a push it builds
     * on, until {@link #BURST_WAIT} after it was received (from then on a soft sync takes over).
     */
    private boolean push(WebhookDeliveryEntity delivery, JsonNode payload) {
        int repositoryId = delivery.getRepositoryId();
        if (!pushes.hasBaseline(repositoryId)) {
            sync.request(repositoryId, false); // nothing to extend yet: the first sync runs in full
            return true;
        }
        boolean mayWait = mayWait(delivery);
        ClusterLock lock = locks.getLockForName(RepositorySync.lockName(repositoryId));
        if (!acquire(lock)) { // a sync, or another push of the burst
            if (mayWait) {
                runAgain(delivery.getID(), RETRY);
                return false;
            }
            sync.request(repositoryId, false);
            return true;
        }
        try {
            PushApplier.Outcome outcome = apply(repositoryId, payload, mayWait);
            if (outcome.applied() > 0) {
                applyWaiting(repositoryId, delivery.getID()); // what waited for this push may apply now
            }
            if (outcome.waiting()) {
                runAgain(delivery.getID(), RETRY); // sooner, in line, when a push it waits for is applied
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private PushApplier.Outcome apply(int repositoryId, JsonNode payload, boolean mayWait) {
        PushApplier.Outcome outcome = pushes.apply(repositoryId, branchChanges(payload.path("push").path("changes")),
                Actor.of(payload.path("actor")), mayWait);
        if (outcome.needsSync()) {
            sync.request(repositoryId, false);
        }
        return outcome;
    }

    /**
     * Applies, in line and under the lock already held, the repository's other pushes not processed yet, as long as
     * one of them applies: a burst delivered out of order is then stored as soon as its first push arrives, with no
     * round trip through the scheduler per push. Those still waiting keep their own job.
     */
    private void applyWaiting(int repositoryId, int appliedId) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (WebhookDeliveryEntity waiting : store.ao().find(WebhookDeliveryEntity.class, Query.select()
                    .where("REPOSITORY_ID = ? AND EVENT = ? AND PAYLOAD IS NOT NULL AND ID <> ?", repositoryId,
                            "repo:push", appliedId).order("ID"))) {
                try {
                    PushApplier.Outcome outcome = apply(repositoryId, JSON.readTree(waiting.getPayload()),
                            mayWait(waiting));
                    progress |= outcome.applied() > 0;
                    if (!outcome.waiting()) {
                        markProcessed(waiting.getID());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Webhook delivery {} of repository {} could not be applied ({}); its own job tries again",
                            waiting.getID(), repositoryId, e.toString(), e);
                }
            }
        }
    }

    /** Whether the delivery is still within {@link #BURST_WAIT} of its receipt. */
    private boolean mayWait(WebhookDeliveryEntity delivery) {
        return clock.millis() < delivery.getReceivedAt() + BURST_WAIT.toMillis();
    }

    private static boolean acquire(ClusterLock lock) {
        try {
            return lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void runAgain(int deliveryId, Duration after) {
        scheduler.scheduleJob(WebhookReceiver.jobId(deliveryId), new JobConfig(WebhookReceiver.RUNNER,
                new JobSchedule.Once(clock.instant().plus(after)), Map.of("deliveryId", Integer.toString(deliveryId))));
    }

    /** The payload's branch changes, as the applier takes them (tags are not stored). */
    private static List<PushApplier.BranchChange> branchChanges(JsonNode changes) {
        List<PushApplier.BranchChange> branches = new ArrayList<>();
        for (JsonNode change : changes) {
            JsonNode oldRef = change.path("old");
            JsonNode newRef = change.path("new");
            JsonNode ref = newRef.isObject() ? newRef : oldRef;
            if (!"branch".equals(ref.path("type").asText())) {
                continue;
            }
            List<CommitRow> commits = new ArrayList<>();
            change.path("commits").forEach(c -> commits.add(RepositoryReader.commit(c)));
            branches.add(new PushApplier.BranchChange(ref.path("name").asText(), head(oldRef), head(newRef), commits,
                    change.path("truncated").asBoolean(false), change.path("forced").asBoolean(false)));
        }
        return branches;
    }

    private static String head(JsonNode ref) {
        return ref.isObject() ? ref.path("target").path("hash").asText() : null;
    }
}
