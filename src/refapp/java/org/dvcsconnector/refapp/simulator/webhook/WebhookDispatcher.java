package org.dvcsconnector.refapp.simulator.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dvcsconnector.refapp.simulator.model.Hook;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook events the way Bitbucket does: an HTTP POST of the JSON payload to every active hook
 * subscribed to the event, with Bitbucket's headers, an HMAC-SHA256 signature when the hook has a secret,
 * a 5 s timeout, and two retries after a failure (non-2xx, error or timeout). Asynchronous: the change that
 * caused the event never waits for receivers.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int ATTEMPTS = 3;
    private static final int HISTORY = 2000;

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sim-webhook-retries");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().executor(executor)
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final Deque<Delivery> history = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Duration timeout;
    private final Duration retryDelay;
    private final Clock clock;

    public WebhookDispatcher(Duration timeout, Duration retryDelay) {
        this(timeout, retryDelay, Clock.systemUTC());
    }

    /** {@code clock}: the simulator's, for {@code X-Event-Time} and the delivery log. */
    public WebhookDispatcher(Duration timeout, Duration retryDelay, Clock clock) {
        this.timeout = timeout;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    /** Sends {@code body} for {@code event} to the repository's subscribed hooks. */
    public void fire(Repository r, String event, byte[] body) {
        for (Hook hook : r.hooks()) {
            if (hook.wants(event)) {
                inFlight.incrementAndGet();
                attempt(hook, event, body, UUID.randomUUID().toString(), 1);
            }
        }
    }

    private void attempt(Hook hook, String event, byte[] body, String requestUuid, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Bitbucket-Webhooks/2.0")
                .header("X-Event-Key", event)
                .header("X-Event-Time", clock.instant().toString())
                .header("X-Hook-UUID", hook.uuid().replace("{", "").replace("}", ""))
                .header("X-Request-UUID", requestUuid)
                .header("X-Attempt-Number", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (hook.secretSet()) {
            request.header("X-Hub-Signature", "sha256=" + hmacSha256(hook.secret(), body));
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = response == null ? 0 : response.statusCode();
            boolean ok = failure == null && status >= 200 && status < 300;
            String error = failure == null ? (ok ? null : "HTTP " + status) : String.valueOf(failure);
            record(new Delivery(hook.uuid(), hook.url(), event, requestUuid, attempt, status, error, ok,
                    clock.instant().toString(), new String(body, StandardCharsets.UTF_8)));
            if (!ok && attempt < ATTEMPTS) {
                LOG.info("Webhook {} to {} failed (attempt {}): {}; retrying", event, hook.url(), attempt, error);
                retries.schedule(() -> attempt(hook, event, body, requestUuid, attempt + 1),
                        retryDelay.toMillis() * attempt, TimeUnit.MILLISECONDS);
            } else {
                if (!ok) {
                    LOG.warn("Webhook {} to {} failed after {} attempts: {}", event, hook.url(), attempt, error);
                }
                inFlight.decrementAndGet();
            }
        });
    }

    private void record(Delivery d) {
        synchronized (history) {
            history.addLast(d);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
    }

    public List<Delivery> deliveries() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public void clearDeliveries() {
        synchronized (history) {
            history.clear();
        }
    }

    /** Deliveries still being attempted (including waits between retries). */
    public int inFlight() {
        return inFlight.get();
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

    @Override
    public void close() {
        retries.shutdownNow();
        executor.shutdownNow();
    }
}
