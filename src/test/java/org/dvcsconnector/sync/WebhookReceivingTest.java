package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.testing.BitbucketFixtures;
import org.junit.jupiter.api.Test;

/** Receiving deliveries: signed ones are stored once; replays, unsigned, malformed or oversized bodies are not. */
class WebhookReceivingTest extends WebhookTestBase {

    @Test
    void aReplayedRequestUuidChangesNothing() throws Exception {
        fixture.commit(SLUG, "main", "DEMO-79 once only");
        processor.process(awaitQueued(1).get(0));
        JsonNode delivery = deliveries().get(0);
        int commits = fixture.ao.count(CommitEntity.class, net.java.ao.Query.select());
        int runs = fixture.ao.count(SyncRunEntity.class, net.java.ao.Query.select());

        Response again = post("repo:push", delivery.path("requestUuid").asText(),
                delivery.path("body").asText().getBytes(StandardCharsets.UTF_8), secret());

        assertThat(again.getStatus()).isEqualTo(202);
        assertThat(queued).hasSize(1);
        assertThat(fixture.ao.count(CommitEntity.class, net.java.ao.Query.select())).isEqualTo(commits);
        assertThat(fixture.ao.count(SyncRunEntity.class, net.java.ao.Query.select())).isEqualTo(runs);
    }

    @Test
    void everyCapturedPayloadIsAcceptedSignedAndRefusedOtherwise() throws Exception {
        List<String> hooks = BitbucketFixtures.payloadNames().stream().filter(name -> name.startsWith("Hook")).toList();
        assertThat(hooks).isNotEmpty();
        for (String file : hooks) {
            byte[] body = BitbucketFixtures.payload(file);
            String secret = knownRepository(JSON.readTree(body).path("repository"));
            String event = file.startsWith("HookPush") ? "repo:push" : "pullrequest:updated";
            int stored = deliveriesStored();

            assertThat(post(event, UUID.randomUUID().toString(), body, null).getStatus()).as(file + " unsigned").isEqualTo(401);
            assertThat(post(event, UUID.randomUUID().toString(), body, "not-the-secret").getStatus()).as(file + " wrong")
                    .isEqualTo(401);
            assertThat(deliveriesStored()).as(file + ": nothing stored when refused").isEqualTo(stored);
            assertThat(post(event, UUID.randomUUID().toString(), body, secret).getStatus()).as(file + " signed").isEqualTo(202);
            assertThat(deliveriesStored()).isEqualTo(stored + 1);
        }
    }

    @Test
    void malformedAndOversizedBodiesAreRefused() throws Exception {
        assertThat(post("repo:push", "x", "{not json".getBytes(StandardCharsets.UTF_8), secret()).getStatus()).isEqualTo(400);
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(post("repo:push", "y", huge, secret()).getStatus()).isEqualTo(413);
        assertThat(deliveriesStored()).isZero();
    }

    /** Makes the payload's repository known (its own account and repository row, with a hook secret). */
    private String knownRepository(JsonNode repository) {
        String fullName = repository.path("full_name").asText();
        String workspace = fullName.substring(0, fullName.indexOf('/'));
        String slug = fullName.substring(fullName.indexOf('/') + 1);
        AccountEntity account = fixture.accounts.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, workspace)
                .orElseGet(() -> fixture.ao.create(AccountEntity.class, Map.of("HOST", LinkRequest.HOST_BITBUCKET_CLOUD,
                        "WORKSPACE", workspace, "AUTH_TYPE", AuthType.OAUTH2_PRIVATE_CONSUMER.name(), "STATUS", "ACTIVE")));
        RepositoryEntity row = fixture.accounts.repositories(account.getID()).stream()
                .filter(r -> r.getSlug().equals(slug)).findFirst()
                .orElseGet(() -> fixture.ao.create(RepositoryEntity.class, Map.of("ACCOUNT_ID", account.getID(), "SLUG", slug)));
        String secret = "secret-of-" + fullName;
        if (repository.hasNonNull("uuid")) {
            row.setUuid(repository.path("uuid").asText());
        }
        row.setLinked(true);
        row.setHookSecretEncrypted(fixture.secrets.seal(secret));
        row.save();
        return secret;
    }

}
