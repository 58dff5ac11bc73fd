package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.RepositoryVisibility;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists an account's workspace repositories (paged, 100 at a time) and mirrors them: new ones are linked
 * when the account auto-links, renames are followed by Bitbucket's UUID, and repositories gone from the
 * workspace are marked deleted. Runs as a cluster-wide job, so one node does it and a restart resumes it.
 */
public final class RepositoryDiscovery {

    public static final String RUNNER = "dvcs.discovery";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryDiscovery.class);

    /** Discovery states shown on the page. */
    public enum State { QUEUED, RUNNING, DONE, FAILED }

    private final AccountStore store;
    private final RepositoryVisibility visibility;
    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final SchedulerService scheduler;
    private final Clock clock;
    private final RepositorySync sync;

    public RepositoryDiscovery(AccountStore store, TokenService tokens, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, SchedulerService scheduler, RepositorySync sync, Clock clock,
            RepositoryVisibility visibility) {
        this.store = store;
        this.visibility = visibility;
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.clock = clock;
        this.sync = sync;
    }

    public void register() {
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> run(Integer.parseInt(parameters.get("accountId"))));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /** Queues discovery of the account now, in the background. */
    public void requestNow(int accountId) {
        store.find(accountId).ifPresent(account -> {
            account.setDiscoveryState(State.QUEUED.name());
            account.save();
        });
        scheduler.scheduleJob(RUNNER + "." + accountId,
                new JobConfig(RUNNER, JobSchedule.now(), Map.of("accountId", Integer.toString(accountId))));
    }

    void run(int accountId) {
        AccountEntity account = store.find(accountId).orElse(null);
        if (account == null || !AccountStatus.ACTIVE.name().equals(account.getStatus())
                || !AuthType.valueOf(account.getAuthType()).isOAuth2()) {
            return;
        }
        setState(accountId, State.RUNNING, null);
        try {
            Map<String, JsonNode> remote = list(account);
            mirrorRetrying(account, remote);
            setState(accountId, State.DONE, null);
            sync.afterDiscovery(accountId);
            LOG.info("Discovered {} repositories of {}", remote.size(), account.getWorkspace());
        } catch (BitbucketException e) {
            LOG.warn("Repository discovery of {} failed: {}", account.getWorkspace(), e.getMessage());
            setState(accountId, State.FAILED, "Listing the workspace's repositories failed: " + e.getMessage());
        } catch (RuntimeException e) {
            // Never leave the account showing a discovery that runs forever.
            LOG.error("Repository discovery of {} failed", account.getWorkspace(), e);
            setState(accountId, State.FAILED, "Storing the workspace's repositories failed; try again.");
        }
    }

    /**
     * The mirror updates every repository row in one transaction, so a sync or a webhook registration writing one
     * of them at the same moment can make the database pick it as a deadlock victim: that is worth a retry.
     */
    private void mirrorRetrying(AccountEntity account, Map<String, JsonNode> remote) {
        for (int attempt = 1; ; attempt++) {
            try {
                mirror(account, remote);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3 || !rolledBack(e)) {
                    throw e;
                }
                LOG.info("Repository discovery of {} was rolled back by the database ({}); retrying",
                        account.getWorkspace(), e.getMessage());
            }
        }
    }

    /** A transaction the database rolled back (deadlock, serialization failure: SQLSTATE class 40). */
    private static boolean rolledBack(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private Map<String, JsonNode> list(AccountEntity account) throws BitbucketException {
        BitbucketApi api = new BitbucketApi(BitbucketHttp.forAccount(http, tokens.forAccount(account.getID())), endpoints.get());
        Map<String, JsonNode> byUuid = new LinkedHashMap<>();
        api.forEachPage("/repositories/" + account.getWorkspace(),
                Map.of("pagelen", "100", "fields", "next,values.uuid,values.slug,values.name,values.links.avatar.href,values.created_on"),
                page -> {
                    page.path("values").forEach(repo -> byUuid.put(repo.path("uuid").asText(), repo));
                    return true;
                });
        return byUuid;
    }

    private void mirror(AccountEntity account, Map<String, JsonNode> remote) {
        store.inTransaction(() -> {
            // The administrator may have deleted the account while Bitbucket was being asked.
            store.ao().flushAll();
            AccountEntity current = store.find(account.getID()).orElse(null);
            if (current == null || !AccountStatus.ACTIVE.name().equals(current.getStatus())) {
                return null;
            }
            Map<String, RepositoryEntity> known = new HashMap<>();
            for (RepositoryEntity repository : store.repositories(account.getID())) {
                known.put(repository.getUuid() == null ? "slug:" + repository.getSlug() : repository.getUuid(), repository);
            }
            Set<String> seen = new HashSet<>();
            Set<Integer> hidden = new HashSet<>(); // found gone: a repository back on Bitbucket stays unlinked
            for (Map.Entry<String, JsonNode> entry : remote.entrySet()) {
                JsonNode repo = entry.getValue();
                RepositoryEntity existing = known.getOrDefault(entry.getKey(), known.get("slug:" + repo.path("slug").asText()));
                if (existing == null) {
                    existing = store.ao().create(RepositoryEntity.class, Map.of(
                            "ACCOUNT_ID", account.getID(), "SLUG", repo.path("slug").asText()));
                    existing.setLinked(account.isAutoLink());
                    existing.setSmartCommits(account.isSmartCommits());
                }
                existing.setUuid(entry.getKey());
                existing.setSlug(repo.path("slug").asText());
                existing.setName(repo.path("name").asText(repo.path("slug").asText()));
                existing.setAvatarUrl(repo.path("links").path("avatar").path("href").asText(null));
                existing.setCreatedOn(createdOn(repo.path("created_on").asText(null)));
                existing.setDeleted(false);
                existing.save();
                seen.add(existing.getUuid());
            }
            for (RepositoryEntity repository : known.values()) {
                if (repository.getUuid() == null || !seen.contains(repository.getUuid())) {
                    if (!repository.isDeleted()) {
                        repository.setDeleted(true);
                        repository.setLinked(false);
                        repository.save();
                        hidden.add(repository.getID());
                    }
                }
            }
            hidden.forEach(visibility::changed);
            return null;
        });
    }

    /** Bitbucket's {@code created_on} as epoch millis; null when absent or unreadable (it only refines estimates). */
    static Long createdOn(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void setState(int accountId, State state, String message) {
        store.find(accountId).ifPresent(account -> {
            account.setDiscoveryState(state.name());
            if (state == State.DONE || state == State.FAILED) {
                account.setDiscoveredAt(clock.millis());
            }
            // The status message of an account that needs re-authorisation is the advice to reset it:
            // a discovery failure caused by the same refusal must not replace it.
            if ((message != null || state == State.DONE) && AccountStatus.ACTIVE.name().equals(account.getStatus())) {
                account.setStatusMessage(message);
            }
            account.save();
        });
    }
}
