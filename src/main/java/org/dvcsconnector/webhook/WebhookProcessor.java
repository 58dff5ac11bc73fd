package org.dvcsconnector.webhook;

import org.dvcsconnector.sync.RepositoryReader;
import org.dvcsconnector.sync.RepositorySync;
import org.dvcsconnector.sync.PushApplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a stored webhook delivery (the job queued by {@link WebhookReceiver}). A push's branch changes go to the
 * {@link PushApplier}, which stores what the payload fully describes with no API request; whatever it cannot, and
 * every pull request event, asks for a soft sync, which is always correct. Runs under the repository's sync lock so it never interleaves
 * with a sync; when a sync holds it, a soft sync is requested instead (it will see the push).
 */
public final class WebhookProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(WebhookProcessor.class);

    private final AccountStore accounts;
    private final DevInfoStore store;
    private final RepositorySync sync;
    private final SchedulerService scheduler;
    private final ClusterLockService locks;
    private final PushApplier pushes;

    public WebhookProcessor(AccountStore accounts, DevInfoStore store, RepositorySync sync, SchedulerService scheduler,
            ClusterLockService locks, IssueKeyExtractor keys, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.sync = sync;
        this.scheduler = scheduler;
        this.locks = locks;
        this.pushes = new PushApplier(store, keys, scheduler, clock);
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
                if ("repo:push".equals(delivery.getEvent())) {
                    push(repositoryId, payload.path("push").path("changes"),
                            payload.path("actor").path("account_id").asText(null));
                } else if (delivery.getEvent().startsWith("pullrequest:")) {
                    sync.request(repositoryId, false);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Webhook {} of repository {} could not be applied ({}); a soft sync will catch up",
                        delivery.getEvent(), repositoryId, e.toString(), e);
                sync.request(repositoryId, false);
            }
        }
        store.ao().executeInTransaction(() -> {
            WebhookDeliveryEntity row = store.ao().get(WebhookDeliveryEntity.class, deliveryId);
            if (row != null) {
                row.setPayload(null);
                row.save();
            }
            return null;
        });
    }

    private void push(int repositoryId, JsonNode changes, String actorAccountId) {
        if (!pushes.hasBaseline(repositoryId)) {
            sync.request(repositoryId, false); // nothing to extend yet: the first sync runs in full
            return;
        }
        ClusterLock lock = locks.getLockForName(RepositorySync.lockName(repositoryId));
        if (!lock.tryLock()) {
            sync.request(repositoryId, false);
            return;
        }
        try {
            boolean needsSync = pushes.apply(repositoryId, branchChanges(changes), actorAccountId);
            if (needsSync) {
                sync.request(repositoryId, false);
            }
        } finally {
            lock.unlock();
        }
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
