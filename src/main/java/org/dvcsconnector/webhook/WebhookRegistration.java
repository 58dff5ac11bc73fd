package org.dvcsconnector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.BitbucketScopes;
import org.dvcsconnector.webhook.WebhookRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook per linked repository, with its own random secret (sealed on the repository row). Registered
 * after a successful sync (so the stored data is a baseline the pushes can extend), which also retries a
 * registration that failed before. Any hook already pointing at our receiver is replaced: we cannot learn its
 * secret (Bitbucket never returns it), so it could not be verified.
 */
public final class WebhookRegistration {

    public static final String RECEIVER = WebhookRemoval.RECEIVER_PATH + "/bitbucket";
    // Approvals too: the issue view shows them; approvals and change requests also fire triggers.
    static final List<String> EVENTS = List.of("repo:push", "pullrequest:created", "pullrequest:updated",
            "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:approved", "pullrequest:unapproved",
            "pullrequest:changes_request_created");
    private static final String DESCRIPTION = "DVCS Connector";
    private static final String EVENTS_STORED = String.join(",", EVENTS);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistration.class);

    private final AccountStore accounts;
    private final Secrets secrets;
    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final Supplier<String> baseUrl;
    private final SecureRandom random = new SecureRandom();

    public WebhookRegistration(AccountStore accounts, Secrets secrets, TokenService tokens, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, Supplier<String> baseUrl) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.baseUrl = baseUrl;
    }

    /**
     * Registers the repository's hook unless it has one. A failure is logged and kept on the repository for the
     * accounts page, in words that say what to do; the next successful sync retries.
     */
    public void ensureRegistered(AccountEntity account, RepositoryEntity repository) {
        if (!repository.isLinked() || repository.isDeleted()
                || (repository.getHookUuid() != null && EVENTS_STORED.equals(repository.getHookEvents()))) {
            return;
        }
        try {
            if (repository.getHookUuid() == null || !updateEvents(account, repository)) {
                register(account, repository);
            }
        } catch (BitbucketException e) {
            LOG.warn("The webhook of {}/{} could not be registered: {}", account.getWorkspace(), repository.getSlug(),
                    e.getMessage());
            saveError(repository.getID(), describe(e));
        }
    }

    /** The admin's view of a failed registration: what Bitbucket said, and the fix. */
    static String describe(BitbucketException e) {
        String said = e.getMessage() == null ? "no reason given" : e.getMessage();
        String fix = switch (e.status()) {
            case 401, 403 -> "Give the OAuth consumer the permission \"" + BitbucketScopes.REQUIRED.get("webhook")
                    + "\" (and make sure its owner administers the repository), then sync again.";
            case 429 -> "Bitbucket's rate limit was reached; the next sync tries again.";
            default -> "Commits still arrive by the scheduled sync; the next sync tries again.";
        };
        return "The webhook could not be added (" + (e.status() == 0 ? "Bitbucket unreachable" : "HTTP " + e.status())
                + ": " + said + "). " + fix;
    }

    /**
     * A hook registered for other events (by an older version of the plugin, which lacked some) gets this
     * version's list, in place: its secret stays (a PUT without one keeps it), so deliveries in flight still verify.
     * False when Bitbucket no longer has the hook, which is then registered anew.
     */
    private boolean updateEvents(AccountEntity account, RepositoryEntity repository) throws BitbucketException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", DESCRIPTION);
        body.put("url", baseUrl.get() + RECEIVER);
        body.put("active", true);
        body.put("events", EVENTS);
        try {
            api(account).put(hooksPath(account, repository) + "/" + repository.getHookUuid(), body);
        } catch (BitbucketException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
        accounts.inTransaction(() -> {
            accounts.repository(repository.getID()).ifPresent(r -> {
                r.setHookEvents(EVENTS_STORED);
                r.setHookError(null);
                r.save();
            });
            return null;
        });
        LOG.info("Updated the events of the webhook of {}/{}", account.getWorkspace(), repository.getSlug());
        return true;
    }

    void register(AccountEntity account, RepositoryEntity repository) throws BitbucketException {
        BitbucketApi api = api(account);
        String hooks = hooksPath(account, repository);
        String receiver = baseUrl.get() + RECEIVER;
        List<String> ours = new ArrayList<>();
        api.forEachPage(hooks, Map.of("pagelen", "100"), page -> {
            page.path("values").forEach(h -> {
                if (receiver.equals(h.path("url").asText())) {
                    ours.add(h.path("uuid").asText());
                }
            });
            return true;
        });
        for (String uuid : ours) {
            api.delete(hooks + "/" + uuid);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        // The secret is stored before the hook exists: a delivery racing the save can then be verified.
        int id = repository.getID();
        save(id, null, secrets.seal(secret));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", DESCRIPTION);
        body.put("url", receiver);
        body.put("active", true);
        body.put("secret", secret);
        body.put("events", EVENTS);
        JsonNode created = api.post(hooks, body);
        save(id, created.path("uuid").asText(), null);
        saveError(id, null);
        LOG.info("Registered the webhook of {}/{}", account.getWorkspace(), repository.getSlug());
    }

    /** Deletes the repository's hook (unlinked); failures are logged, the fields cleared either way. */
    public void remove(AccountEntity account, RepositoryEntity repository) {
        String uuid = repository.getHookUuid();
        if (uuid != null) {
            try {
                api(account).delete(hooksPath(account, repository) + "/" + uuid);
            } catch (BitbucketException e) {
                LOG.warn("The webhook of {}/{} could not be removed: {}", account.getWorkspace(), repository.getSlug(),
                        e.getMessage());
            }
        }
        accounts.inTransaction(() -> {
            accounts.repository(repository.getID()).ifPresent(r -> {
                r.setHookUuid(null);
                r.setHookEvents(null);
                r.setHookError(null);
                r.setHookSecretEncrypted(null);
                r.save();
            });
            return null;
        });
    }

    private void save(int repositoryId, String uuid, String sealedSecret) {
        accounts.inTransaction(() -> {
            accounts.repository(repositoryId).ifPresent(r -> {
                if (uuid != null) {
                    r.setHookUuid(uuid);
                    r.setHookEvents(EVENTS_STORED);
                }
                if (sealedSecret != null) {
                    r.setHookSecretEncrypted(sealedSecret);
                }
                r.save();
            });
            return null;
        });
    }

    private void saveError(int repositoryId, String error) {
        accounts.inTransaction(() -> {
            accounts.repository(repositoryId).ifPresent(r -> {
                r.setHookError(error);
                r.save();
            });
            return null;
        });
    }

    private BitbucketApi api(AccountEntity account) {
        return new BitbucketApi(BitbucketHttp.forAccount(http, tokens.forAccount(account.getID())), endpoints.get());
    }

    private static String hooksPath(AccountEntity account, RepositoryEntity repository) {
        return "/repositories/" + account.getWorkspace() + "/" + repository.getSlug() + "/hooks";
    }
}
