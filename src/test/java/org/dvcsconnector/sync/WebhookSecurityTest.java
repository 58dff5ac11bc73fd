package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvcsconnector.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * The receiver against an outsider: the same work (an HMAC of the body) whether or not the repository is linked, so
 * timing tells nothing; and a captured delivery replayed under a new request uuid is not stored or queued again.
 */
class WebhookSecurityTest extends WebhookTestBase {

    @Test
    void everyPathComputesAnHmacOfTheBody() {
        AtomicInteger hmacs = new AtomicInteger();
        WebhookReceiver receiver = new WebhookReceiver(fixture.accounts, fixture.secrets, recordingScheduler(),
                Clock.systemUTC(), (secret, body) -> {
                    hmacs.incrementAndGet();
                    return WebhookReceiver.hmacSha256(secret, body);
                });
        byte[] unknown = "{\"repository\": {\"full_name\": \"nobody/nothing\", \"uuid\": \"{0000}\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] known = ("{\"repository\": {\"full_name\": \"" + SyncFixture.WORKSPACE + "/" + SLUG + "\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(receiver.receive("repo:push", "u-1", "sha256=" + WebhookReceiver.hmacSha256("guess", unknown), unknown)
                .status()).isEqualTo(401);
        assertThat(hmacs).as("an unknown repository: the body is hashed all the same").hasValue(1);
        assertThat(receiver.receive("repo:push", "u-2", null, unknown).status()).isEqualTo(401);
        assertThat(hmacs).as("no signature at all: hashed all the same").hasValue(2);
        assertThat(receiver.receive("repo:push", "u-3", "sha256=00", known).status()).isEqualTo(401);
        assertThat(hmacs).as("a linked repository, wrong signature").hasValue(3);
        assertThat(deliveriesStored()).isZero();
    }

    @Test
    void aCapturedDeliveryReplayedUnderANewRequestUuidIsNotStoredOrQueuedAgain() throws Exception {
        fixture.commit(SLUG, "main", "DEMO-7 replay me");
        awaitQueued(1);
        JsonNode delivery = deliveries().get(0);
        byte[] body = delivery.path("body").asText().getBytes(StandardCharsets.UTF_8);
        int stored = deliveriesStored();

        Response replay = post("repo:push", UUID.randomUUID().toString(), body, secret());

        assertThat(replay.getStatus()).isEqualTo(202);
        assertThat(replay.getEntity()).isEqualTo(Map.of("message", "Already received."));
        assertThat(deliveriesStored()).isEqualTo(stored);
        assertThat(queued).hasSize(1);

        byte[] other = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(post("repo:push", UUID.randomUUID().toString(), other, secret()).getEntity())
                .as("another body is another delivery").isEqualTo(Map.of("message", "Accepted."));
    }
}
