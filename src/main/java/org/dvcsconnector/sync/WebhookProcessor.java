package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.dvcsconnector.webhook.WebhookReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a stored webhook delivery (the job queued by {@link WebhookReceiver}). A push whose changes carry
 * every new commit (not truncated, at most five, not forced, starting at the stored head, every parent known)
 * is applied from the payload alone, with no API request. A change must start from what is stored (a new branch
 * one not stored, a deletion the stored head), so a replayed or late delivery never moves a branch back or
 * raises its event again; anything else, and every pull request event, asks
 * for a soft sync, which is always correct. Runs under the repository's sync lock so it never interleaves
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
    private final IssueKeyExtractor keys;
    private final SyncStates states;
    private final SyncAuditLog auditLog;
    private final Clock clock;
    private final DevEventOutbox outbox;

    public WebhookProcessor(AccountStore accounts, DevInfoStore store, RepositorySync sync, SchedulerService scheduler,
            ClusterLockService locks, IssueKeyExtractor keys, Clock clock) {
        this.accounts = accounts;
        this.store = store;
        this.sync = sync;
        this.scheduler = scheduler;
        this.locks = locks;
        this.keys = keys;
        this.states = new SyncStates(store.ao(), clock);
        this.auditLog = new SyncAuditLog(store.ao(), clock);
        this.clock = clock;
        this.outbox = new DevEventOutbox(store.ao(), scheduler, clock);
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
        store.inTransaction(() -> {
            WebhookDeliveryEntity row = store.ao().get(WebhookDeliveryEntity.class, deliveryId);
            if (row != null) {
                row.setPayload(null);
                row.save();
            }
            return null;
        });
    }

    private void push(int repositoryId, JsonNode changes, String actorAccountId) {
        if (!states.hasBaseline(repositoryId)) {
            sync.request(repositoryId, false); // nothing to extend yet: the first sync runs in full
            return;
        }
        ClusterLock lock = locks.getLockForName(RepositorySync.lockName(repositoryId));
        if (!lock.tryLock()) {
            sync.request(repositoryId, false);
            return;
        }
        try {
            boolean needsSync = applyLocally(repositoryId, changes, actorAccountId);
            if (needsSync) {
                sync.request(repositoryId, false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies what the payload fully describes; true when some change needs a soft sync. */
    private boolean applyLocally(int repositoryId, JsonNode changes, String actorAccountId) {
        long started = clock.millis();
        // no reader: nothing is fetched; what the push brings is new, so it raises events
        SyncRun run = new SyncRun(repositoryId, null, store, keys, states, outbox, true);
        Map<String, String> heads = store.branchHeads(repositoryId);
        boolean needsSync = false;
        int applied = 0;
        for (JsonNode change : changes) {
            JsonNode oldRef = change.path("old");
            JsonNode newRef = change.path("new");
            JsonNode ref = newRef.isObject() ? newRef : oldRef;
            if (!"branch".equals(ref.path("type").asText())) {
                continue; // tags are not stored
            }
            String name = ref.path("name").asText();
            String stored = heads.get(name);
            if (!newRef.isObject()) {
                if (stored != null && !stored.equals(oldRef.path("target").path("hash").asText())) {
                    needsSync = true; // a replayed or late deletion: the branch moved (or came back) since
                    continue;
                }
                store.inTransaction(() -> {
                    store.deleteBranch(repositoryId, name);
                    return null;
                });
                heads.remove(name);
                applied++;
                continue;
            }
            String newHead = newRef.path("target").path("hash").asText();
            String oldHead = oldRef.isObject() ? oldRef.path("target").path("hash").asText() : null;
            List<CommitRow> commits = new ArrayList<>();
            change.path("commits").forEach(c -> commits.add(RepositoryReader.commit(c)));
            boolean complete = !change.path("truncated").asBoolean(false) && !change.path("forced").asBoolean(false)
                    && commits.size() <= 5 && (oldHead == null ? stored == null : oldHead.equals(stored))
                    && graphClosed(run, commits, newHead);
            if (!complete) {
                needsSync = true;
                continue;
            }
            run.saveCommits(commits);
            if (oldHead != null) {
                List<String> hashes = commits.stream().map(CommitRow::hash).toList();
                store.inTransaction(() -> {
                    store.addBranchCommits(repositoryId, name, hashes);
                    return null;
                });
            } else {
                CommitGraph graph = new CommitGraph();
                store.forEachCommitParents(repositoryId, (hash, parents) -> graph.add(hash, split(parents)));
                run.saveMembership(graph, name, newHead);
                run.saveBranchLinks(List.of(name));
            }
            // The head (the soft sync's cursor) moves last, once the commits it covers are stored.
            if (oldHead == null) {
                run.saveNewBranchHead(name, newHead, actorAccountId);
            } else {
                store.inTransaction(() -> {
                    store.setBranchHead(repositoryId, name, newHead);
                    return null;
                });
            }
            heads.put(name, newHead);
            applied++;
        }
        run.wakeDispatcher();
        audit(repositoryId, started, run.commitsAdded, applied, needsSync);
        return needsSync;
    }

    /** Every parent of the pushed commits, and the new head, is stored or pushed: nothing in between is missing. */
    private static boolean graphClosed(SyncRun run, List<CommitRow> commits, String newHead) {
        Set<String> pushed = new HashSet<>();
        commits.forEach(c -> pushed.add(c.hash()));
        if (!pushed.contains(newHead) && !run.knows(newHead)) {
            return false;
        }
        return commits.stream().flatMap(c -> c.parents().stream()).allMatch(p -> pushed.contains(p) || run.knows(p));
    }

    private void audit(int repositoryId, long started, int commits, int branches, boolean needsSync) {
        LOG.info("Push webhook of repository {}: {} new commits, {} branches changed from the payload{}", repositoryId,
                commits, branches, needsSync ? "; the rest is left to a soft sync" : "");
        auditLog.record(repositoryId, SyncAuditLog.Type.WEBHOOK, started, new SyncAuditLog.Counts(commits, branches, 0, 0),
                needsSync ? "Not complete in the payload: a soft sync was requested" : null);
    }

    private static List<String> split(String parents) {
        return parents == null || parents.isBlank() ? List.of() : Arrays.asList(parents.trim().split(" "));
    }
}
