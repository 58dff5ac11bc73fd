package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.java.ao.Query;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.devinfo.CommitBranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.CommitRow;
import org.junit.jupiter.api.Test;

/**
 * Poison values arriving by webhook: a branch name longer than the key column, pushed, replayed and deleted, and a
 * commit's raw author line in bytes that are no UTF-8 (git keeps bytes).
 */
class PoisonWebhookTest extends WebhookTestBase {

    private static final String LONG_BRANCH = "feature/DEMO-900020-" + "w".repeat(456 - 20);

    @Test
    void aLongBranchPushedReplayedAndSyncedIsCreatedOnceAndDeletedWhole() throws Exception {
        fixture.branch(SLUG, LONG_BRANCH, "main");
        awaitQueued(1); // deliveries may overtake each other; out of order, the second would leave it to a soft sync
        fixture.commit(SLUG, LONG_BRANCH, "DEMO-900021 on the long branch");
        for (int delivery : awaitQueued(2)) {
            processor.process(delivery);
        }
        assertThat(fixture.scheduled).as("stored from the payload").noneMatch(job -> job.startsWith(RepositorySync.RUNNER));
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.devInfo.branchHeads(id)).containsKey(LONG_BRANCH);
        assertThat(events("BRANCH_CREATED")).isEqualTo(1);

        // The commit's push replayed in other bytes: it gets through, and changes nothing. (A replay of the branch's
        // creation would wait for a deletion, up to WebhookProcessor.BURST_WAIT, as any branch's does.)
        for (JsonNode delivery : deliveries(2)) {
            if (delivery.path("body").asText().contains("DEMO-900021")) {
                post("repo:push", UUID.randomUUID().toString(),
                        (delivery.path("body").asText() + "\n").getBytes(StandardCharsets.UTF_8), secret());
            }
        }
        processor.process(awaitQueued(3).get(2));
        sync.run(id, false); // the stored heads and Bitbucket's listing name the long branch alike
        sync.run(id, false);
        assertThat(events("BRANCH_CREATED")).as("created once, whatever compares it").isEqualTo(1);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));

        fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/branches/"
                + URLEncoder.encode(LONG_BRANCH, StandardCharsets.UTF_8), "{}", "DELETE");
        processor.process(awaitQueued(4).get(3));
        assertThat(fixture.devInfo.branchHeads(id)).doesNotContainKey(LONG_BRANCH);
        assertThat(fixture.ao.count(CommitBranchEntity.class, Query.select()
                .where("BRANCH_NAME = ?", StoredText.key(LONG_BRANCH)))).as("its memberships go with it").isZero();
        Mirror stored = Mirror.stored(fixture.ao, id); // its commit stays stored, as every deleted branch's does
        Mirror expected = Mirror.expected(fixture.remote(SLUG));
        assertThat(stored.branches()).isEqualTo(expected.branches());
        assertThat(stored.membership()).isEqualTo(expected.membership());
    }

    @Test
    void aRawAuthorInBytesThatAreNoUtf8IsStoredWithReplacementCharacters() throws Exception {
        fixture.commit(SLUG, "main", "DEMO-900022 bytes in the author line");
        int original = awaitQueued(1).get(0);
        String body = deliveries().get(0).path("body").asText();
        assertThat(body).contains("Alice Anders <alice@example.com>");
        byte[] bytes = spliced(body, "Alice Anders", new byte[] {'A', 'l', (byte) 0xFF, (byte) 0xFE, 'c', 'e'});

        Response answer = post("repo:push", UUID.randomUUID().toString(), bytes, secret());
        assertThat(answer.getStatus()).isEqualTo(202);
        processor.process(awaitQueued(2).get(1));
        processor.process(original); // applied already: changes nothing

        CommitEntity stored = fixture.ao.find(CommitEntity.class, Query.select()
                .where("REPOSITORY_ID = ? AND HASH = ?", id, fixture.remote(SLUG).commits().hashHex(
                        fixture.remote(SLUG).branches().get("main"))))[0];
        assertThat(stored.getAuthorName()).isEqualTo("Al\uFFFD\uFFFDce");
        assertThat(stored.getAuthorEmail()).isEqualTo("alice@example.com");
    }

    @Test
    void theApiReaderDecodesBytesThatAreNoUtf8AndKeepsEscapedNulAndLoneSurrogatesForTheStore() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes(("{\"hash\":\"" + "a".repeat(40) + "\",\"message\":\"DEMO-1 nul \\u0000 lone \\ud800 end\","
                + "\"date\":\"2026-05-04T10:00:00+00:00\",\"author\":{\"raw\":\"B").getBytes(StandardCharsets.UTF_8));
        json.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // an invalid two-byte sequence
        json.writeBytes("b <bob@example.com>\"},\"parents\":[]}".getBytes(StandardCharsets.UTF_8));
        // as BitbucketApi reads a page: OkHttp decodes the body, each malformed sequence as U+FFFD
        String page = ResponseBody.create(json.toByteArray(), MediaType.get("application/json")).string();
        CommitRow commit = RepositoryReader.commit(JSON.readTree(page));

        assertThat(commit.authorName()).isEqualTo("B\uFFFD(b");
        assertThat(commit.authorEmail()).isEqualTo("bob@example.com");
        assertThat(commit.message()).contains("\u0000").contains("\uD800"); // read as sent ...
        assertThat(StoredText.fit(commit.message(), StoredText.LONG).text()) // ... and stored clean
                .isEqualTo("DEMO-1 nul  lone \uFFFD end");
    }

    private int events(String type) {
        return fixture.ao.count(DevEventEntity.class, Query.select().where("REPOSITORY_ID = ? AND TYPE = ?", id, type));
    }

    /** {@code body}'s UTF-8 bytes with each {@code find} replaced by {@code replacement}. */
    private static byte[] spliced(String body, String find, byte[] replacement) {
        byte[] all = body.getBytes(StandardCharsets.UTF_8);
        String latin = new String(all, StandardCharsets.ISO_8859_1); // one char per byte
        String needle = new String(find.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return latin.replace(needle, new String(replacement, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
