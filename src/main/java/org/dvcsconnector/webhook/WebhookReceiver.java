package org.dvcsconnector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;

/**
 * Accepts a Bitbucket webhook delivery: finds the repository, verifies the signature over the raw bytes in
 * constant time (an HMAC is computed on every path, with a dummy secret for an unknown repository, so timing does not
 * tell which repositories are linked), drops repeats of a request uuid and of a body already received for the
 * repository within {@link #KEEP}, stores the payload and queues a one-time job for it.
 * Nothing is written before the signature is verified.
 */
public final class WebhookReceiver {

    public static final String RUNNER = "dvcs.webhook";
    static final Duration KEEP = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to answer: an HTTP status and a message for the sender. */
    public record Outcome(int status, String message) {}

    /** The HMAC-SHA256 of a body, hex; injectable so that a test can see it is computed on every path. */
    public interface Hasher {
        String hmacSha256(String secret, byte[] body);
    }

    private final AccountStore accounts;
    private final Secrets secrets;
    private final SchedulerService scheduler;
    private final Clock clock;
    private final Hasher hasher;
    /** A random secret, sealed like a repository's: opened and hashed with for a repository without a hook. */
    private volatile String dummySealed;

    public WebhookReceiver(AccountStore accounts, Secrets secrets, SchedulerService scheduler, Clock clock) {
        this(accounts, secrets, scheduler, clock, WebhookReceiver::hmacSha256);
    }

    public WebhookReceiver(AccountStore accounts, Secrets secrets, SchedulerService scheduler, Clock clock,
            Hasher hasher) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.scheduler = scheduler;
        this.clock = clock;
        this.hasher = hasher;
    }

    public Outcome receive(String event, String requestUuid, String signature, byte[] body) {
        // Decoded once, each invalid UTF-8 sequence as U+FFFD (a commit's raw author line is bytes in git): a byte
        // that is no UTF-8 must not cost the whole push. The signature is checked over the bytes received.
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode payload;
        try {
            payload = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Outcome(400, "The body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Outcome(400, "The body could not be read as JSON.");
        }
        if (payload == null || !payload.isObject() || !payload.path("repository").isObject()) {
            return new Outcome(400, "The body is not a Bitbucket webhook payload: it names no repository.");
        }
        Optional<RepositoryEntity> repository = repositoryOf(payload.path("repository"));
        String sealed = repository.map(RepositoryEntity::getHookSecretEncrypted).orElse(null);
        // Unknown repository, no secret, missing or wrong signature: all the same 401, so nothing is revealed, and
        // the same work on every path (a secret opened, an HMAC of the body, a constant-time comparison), so the
        // answer's timing does not tell an outsider which repositories are linked either.
        boolean known = sealed != null;
        boolean matches = signatureMatches(hasher, secrets.open(known ? sealed : dummySealed()), signature, body);
        if (!known || !matches) {
            return new Outcome(401, "The signature is missing or does not match.");
        }
        if (event == null || event.isBlank()) {
            return new Outcome(400, "The X-Event-Key header is missing.");
        }
        String bodySha256 = sha256(body);
        String identity = requestUuid == null || requestUuid.isBlank() ? "sha256:" + bodySha256 : requestUuid.trim();
        int repositoryId = repository.get().getID();
        Integer deliveryId = store(identity, repositoryId, bodySha256, event, text);
        if (deliveryId == null) {
            return new Outcome(202, "Already received.");
        }
        scheduler.scheduleJob(jobId(deliveryId), new JobConfig(RUNNER, JobSchedule.now(),
                Map.of("deliveryId", Integer.toString(deliveryId))));
        return new Outcome(202, "Accepted.");
    }

    /** The id of the job that processes the delivery. */
    static String jobId(int deliveryId) {
        return RUNNER + "." + deliveryId;
    }

    /** By Bitbucket's uuid (stable across renames); else by {@code full_name} (workspace/slug). */
    private Optional<RepositoryEntity> repositoryOf(JsonNode repository) {
        ActiveObjects ao = accounts.ao();
        String uuid = repository.path("uuid").asText("");
        if (!uuid.isEmpty()) {
            RepositoryEntity[] found = ao.find(RepositoryEntity.class, Query.select().where("UUID = ?", uuid));
            for (RepositoryEntity r : found) {
                if (r.getHookSecretEncrypted() != null) {
                    return Optional.of(r);
                }
            }
        }
        String fullName = repository.path("full_name").asText("");
        int slash = fullName.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String slug = fullName.substring(slash + 1);
        return accounts.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, fullName.substring(0, slash))
                .map(AccountEntity::getID).stream()
                .flatMap(accountId -> accounts.repositories(accountId).stream())
                .filter(r -> r.getSlug().equalsIgnoreCase(slug) && r.getHookSecretEncrypted() != null)
                .findFirst();
    }

    private String dummySealed() {
        String sealed = dummySealed;
        if (sealed == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            sealed = secrets.seal(HexFormat.of().formatHex(bytes));
            dummySealed = sealed;
        }
        return sealed;
    }

    /** Always computes the HMAC (also for a missing or malformed header), then compares in constant time. */
    static boolean signatureMatches(Hasher hasher, String secret, String header, byte[] body) {
        byte[] expected = hasher.hmacSha256(secret, body).getBytes(StandardCharsets.US_ASCII);
        boolean prefixed = header != null && header.regionMatches(true, 0, "sha256=", 0, 7);
        byte[] given = (prefixed ? header.substring(7).trim().toLowerCase(Locale.ROOT) : "")
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) && prefixed;
    }

    public static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The new delivery's id; null when this request uuid was already received (on any node), or when the same body
     * came for the same repository within {@link #KEEP}: a captured delivery replayed under a new
     * {@code X-Request-UUID} (Bitbucket's own retries keep the uuid; two real events never have the same body).
     */
    private Integer store(String requestUuid, int repositoryId, String bodySha256, String event, String payload) {
        ActiveObjects ao = accounts.ao();
        long now = clock.millis();
        ao.deleteWithSQL(WebhookDeliveryEntity.class, "RECEIVED_AT < ?", now - KEEP.toMillis());
        if (seen(requestUuid) || ao.count(WebhookDeliveryEntity.class, Query.select()
                .where("REPOSITORY_ID = ? AND BODY_SHA256 = ?", repositoryId, bodySha256)) > 0) {
            return null;
        }
        try {
            return ao.executeInTransaction(() -> ao.create(WebhookDeliveryEntity.class, Map.of("REQUEST_UUID", requestUuid,
                    "REPOSITORY_ID", repositoryId, "BODY_SHA256", bodySha256, "EVENT", event, "RECEIVED_AT", now,
                    "PAYLOAD", payload)).getID());
        } catch (RuntimeException e) {
            if (seen(requestUuid)) { // another node inserted it between the check and the insert
                return null;
            }
            throw e;
        }
    }

    private boolean seen(String requestUuid) {
        return accounts.ao().count(WebhookDeliveryEntity.class, Query.select().where("REQUEST_UUID = ?", requestUuid)) > 0;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
