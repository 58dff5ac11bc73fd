package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.java.ao.Query;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.devevent.DevEventEntity;
import org.dvcsconnector.devinfo.BranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.DevInfoDetail;
import org.dvcsconnector.devinfo.DevInfoQueries;
import org.dvcsconnector.devinfo.PullRequestEntity;
import org.dvcsconnector.testing.SharedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Values Bitbucket can send that the columns used to refuse, synced through the simulator on H2 and on PostgreSQL:
 * each is stored (cut where {@link StoredText} says, its full length kept), or, when the database still refuses it,
 * skipped with its reason in the sync log and on the page; either way the next page, the next commit and a pull
 * request opened afterwards arrive, and a second sync changes nothing (no branch "created" again).
 */
class PoisonValuesTest {

    @Nested
    class OnH2 extends Cases {
        @Override
        String jdbcUrl() {
            return "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
    }

    @Nested
    class OnPostgres extends Cases {
        @Override
        String jdbcUrl() throws Exception {
            return SharedPostgres.newDatabase();
        }
    }

    abstract static class Cases {

        static final String SLUG = "repo-01";
        static final String GRIN = "\uD83D\uDE00";
        static final ObjectMapper JSON = new ObjectMapper();
        /** A valid git ref: 456 characters, the length that stopped a repository for good. */
        static final String BRANCH_456 = "feature/DEMO-900005-" + "a".repeat(456 - 20);
        static final String BRANCH_1000 = "feature/DEMO-900006-" + "b".repeat(1000 - 20);
        /** About 4,000 bytes of UTF-8: four-byte characters, 2 code units each. */
        static final String BRANCH_4000_BYTES = "feature/DEMO-900007-" + GRIN.repeat(995);

        SyncFixture fixture;
        int id;

        abstract String jdbcUrl() throws Exception;

        @AfterEach
        void stop() {
            if (fixture != null) {
                fixture.close();
            }
        }

        @Test
        void everyPoisonValueIsStoredOrCutAndWhatComesAfterStillSyncs() throws Exception {
            start(40, 2, 2);
            for (String branch : List.of(BRANCH_456, BRANCH_1000, BRANCH_4000_BYTES)) {
                fixture.branch(SLUG, branch, "main");
            }
            commit(BRANCH_456, "DEMO-900005 on a 456-character branch", "Alice", "alice@example.com");
            String huge = "DEMO-900008 a 10 MB message\n" + "m".repeat(10 * 1024 * 1024);
            commit("main", huge, "Alice", "alice@example.com");
            commit("main", "DEMO-900009 control: nul \u0000 bell \u0007 esc \u001b del \u007f", "Alice", "alice@example.com");
            commit("main", "DEMO-900010 astral " + GRIN + " and a lone \uD800 surrogate", "Bob", "bob@example.com");
            String longName = "N".repeat(10_000);
            String longEmail = "e".repeat(10_000) + "@example.com";
            commit("main", "DEMO-900011 a long author", longName, longEmail);
            String longTitle = "DEMO-900012 " + "t".repeat(10_000);
            openPullRequest(longTitle, BRANCH_456);

            fixture.sync().run(id, false);

            assertDone();
            Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
            DevInfoQueries queries = new DevInfoQueries(fixture.db, () -> "https://bitbucket.example/", () -> true);
            // branches of any length, shown and linked by their whole names
            assertThat(branchNames(queries, "DEMO-900005")).containsExactly(BRANCH_456);
            assertThat(branchNames(queries, "DEMO-900006")).containsExactly(BRANCH_1000);
            assertThat(branchNames(queries, "DEMO-900007")).containsExactly(BRANCH_4000_BYTES);
            BranchEntity stored = fixture.ao.find(BranchEntity.class, Query.select()
                    .where("REPOSITORY_ID = ? AND NAME = ?", id, StoredText.key(BRANCH_4000_BYTES)))[0];
            assertThat(stored.getFullName()).isEqualTo(BRANCH_4000_BYTES);
            assertThat(queries.detail("DEMO-900007").repositories().get(0).branches().items().get(0).url())
                    .endsWith("/branch/feature/DEMO-900007-" + "%F0%9F%98%80".repeat(995));
            // a 10 MB message: stored up to the cap, its full length kept, the detail says so
            CommitEntity hugeRow = commitMentioning("DEMO-900008");
            assertThat(hugeRow.getMessage()).hasSize(StoredText.LONG);
            assertThat(hugeRow.getMessageLength()).isEqualTo(huge.length());
            DevInfoDetail.Commit hugeDetail = queries.detail("DEMO-900008").repositories().get(0).commits().items().get(0);
            assertThat(hugeDetail.messageTruncated()).isTrue();
            assertThat(hugeDetail.messageLength()).isEqualTo(huge.length());
            assertThat(hugeDetail.message()).isEqualTo("DEMO-900008 a 10 MB message");
            assertThat(queries.detail("DEMO-900008").storedTextLimit()).isEqualTo(StoredText.LONG);
            // control characters kept but NUL, astral characters kept, a lone surrogate replaced
            assertThat(commitMentioning("DEMO-900009").getMessage()).doesNotContain("\u0000").contains("bell \u0007 esc \u001b");
            assertThat(commitMentioning("DEMO-900009").getMessageLength()).isNull();
            assertThat(commitMentioning("DEMO-900010").getMessage()).contains(GRIN).doesNotContain("\uD800");
            assertThat(StoredText.clean(commitMentioning("DEMO-900010").getMessage())).isEqualTo(
                    commitMentioning("DEMO-900010").getMessage());
            // author fields cut at the column, ending in "…"
            CommitEntity author = commitMentioning("DEMO-900011");
            assertThat(author.getAuthorName()).hasSize(StoredText.SHORT).endsWith("\u2026");
            assertThat(author.getAuthorEmail()).hasSize(StoredText.SHORT).endsWith("\u2026");
            // a long title is stored whole; its pull request names the long branch whole
            PullRequestEntity pr = fixture.ao.find(PullRequestEntity.class, Query.select()
                    .where("REPOSITORY_ID = ? AND SOURCE_BRANCH = ?", id, StoredText.key(BRANCH_456)))[0];
            assertThat(pr.getTitle()).isEqualTo(longTitle);
            assertThat(pr.getSourceBranchFull()).isEqualTo(BRANCH_456);
            DevInfoDetail.PullRequest prDetail = queries.detail("DEMO-900012").repositories().get(0).pullRequests().items().get(0);
            assertThat(prDetail.source()).isEqualTo(BRANCH_456);
            assertThat(prDetail.titleTruncated()).isFalse();
            // the long branches' events name them whole
            assertThat(branchCreated()).containsKeys(BRANCH_456, BRANCH_1000, BRANCH_4000_BYTES);

            // What comes after the poison still arrives: a commit, and a pull request opened afterwards.
            commit("main", "DEMO-900013 after the poison", "Alice", "alice@example.com");
            openPullRequest("DEMO-900014 opened afterwards", BRANCH_1000);
            fixture.sync().run(id, false);
            assertDone();
            assertThat(commitMentioning("DEMO-900013")).isNotNull();
            assertThat(queries.detail("DEMO-900014").repositories().get(0).pullRequests().items()).singleElement()
                    .satisfies(p -> assertThat(p.source()).isEqualTo(BRANCH_1000));
            Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));

            // Synced again, nothing changed: no branch looks created (or deleted) once more.
            Map<String, Integer> created = branchCreated();
            fixture.sync().run(id, false);
            fixture.sync().run(id, false);
            assertDone();
            assertThat(branchCreated()).isEqualTo(created);
            assertThat(created.values()).containsOnly(1);
            Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        }

        @Test
        void aRecordTheDatabaseRefusesIsSkippedWithItsReasonAndTheSyncGoesOn() throws Exception {
            fixture = new SyncFixture(jdbcUrl(), 1, 250, 3, 4);
            id = fixture.repositoryId(SLUG);
            // Bitbucket sends one commit hash and one pull request's source hash longer than a SHA-1 (the hash
            // columns hold 40): the database refuses them, and only them.
            AtomicBoolean commitsRewritten = new AtomicBoolean();
            AtomicBoolean pullRequestsRewritten = new AtomicBoolean();
            String[] badHash = new String[1];
            long[] badPullRequest = new long[1];
            OkHttpClient poisoning = fixture.http.newBuilder().addInterceptor(chain -> {
                Response response = chain.proceed(chain.request());
                String path = chain.request().url().encodedPath();
                if (path.endsWith("/commits") && commitsRewritten.compareAndSet(false, true)) {
                    return rewrite(response, page -> {
                        ObjectNode commit = (ObjectNode) page.path("values").get(4);
                        badHash[0] = commit.path("hash").asText() + "0".repeat(24);
                        commit.put("hash", badHash[0]);
                    });
                }
                if (path.endsWith("/pullrequests") && !pullRequestsRewritten.get()) {
                    return rewrite(response, page -> {
                        // The first page with two pull requests (a full sync lists the open ones first).
                        if (page.path("values").size() < 2 || !pullRequestsRewritten.compareAndSet(false, true)) {
                            return;
                        }
                        ObjectNode source = (ObjectNode) page.path("values").get(1).path("source").path("commit");
                        badPullRequest[0] = page.path("values").get(1).path("id").asLong();
                        source.put("hash", source.path("hash").asText() + "f".repeat(40)); // Bitbucket's is short

                    });
                }
                return response;
            }).build();
            int commitsOnBitbucket = Mirror.expected(fixture.remote(SLUG)).commits().size();
            assertThat(commitsOnBitbucket).as("more than two pages of commits").isGreaterThan(200);

            fixture.sync(poisoning).run(id, true);

            SyncProgress progress = fixture.sync().progress().get(id);
            assertThat(progress.state()).isEqualTo(SyncProgress.State.DONE);
            assertThat(progress.error()).isNull();
            assertThat(progress.note()).startsWith("2 records skipped").contains("commit " + badHash[0])
                    .contains("pull request #" + badPullRequest[0]);
            SyncRunEntity run = lastRun();
            assertThat(run.getError()).isNull();
            assertThat(run.getNote()).isEqualTo(progress.note());
            // every other commit, on every page, is stored; so is every other pull request
            assertThat(fixture.devInfo.commitHashes(id)).hasSize(commitsOnBitbucket - 1).doesNotContain(badHash[0]);
            assertThat(fixture.devInfo.pullRequestVersions(id)).hasSize(fixture.remote(SLUG).pullRequests().size() - 1)
                    .doesNotContainKey(badPullRequest[0]);

            // The next sync tries the skipped pull request again (its version is not stored), and what comes after
            // arrives.
            commit("main", "DEMO-900015 after a refused record", "Alice", "alice@example.com");
            String branch = fixture.remote(SLUG).branches().keySet().stream().filter(b -> !b.equals("main"))
                    .findFirst().orElseThrow();
            openPullRequest("DEMO-900016 opened afterwards", branch);
            fixture.sync().run(id, false);
            assertDone();
            assertThat(commitMentioning("DEMO-900015")).isNotNull();
            assertThat(fixture.devInfo.pullRequestVersions(id)).hasSize(fixture.remote(SLUG).pullRequests().size());
        }

        void start(int commits, int branches, int pullRequests) throws Exception {
            fixture = new SyncFixture(jdbcUrl(), 1, commits, branches, pullRequests);
            id = fixture.repositoryId(SLUG);
            fixture.sync().run(id, true);
            assertDone();
        }

        void assertDone() {
            SyncProgress progress = fixture.sync().progress().get(id);
            assertThat(progress.error()).isNull();
            assertThat(progress.state()).isEqualTo(SyncProgress.State.DONE);
            assertThat(progress.note()).isNull();
        }

        void commit(String branch, String message, String authorName, String authorEmail) throws IOException {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("branch", branch);
            body.put("message", message);
            body.put("authorName", authorName);
            body.put("authorEmail", authorEmail);
            fixture.control(repositoryPath() + "/commits", JSON.writeValueAsString(body));
        }

        void openPullRequest(String title, String source) throws IOException {
            fixture.control(repositoryPath() + "/pullrequests",
                    JSON.writeValueAsString(Map.of("title", title, "source", source, "destination", "main")));
        }

        String repositoryPath() {
            return "/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG;
        }

        CommitEntity commitMentioning(String issueKey) {
            for (CommitEntity c : fixture.ao.find(CommitEntity.class, Query.select().where("REPOSITORY_ID = ?", id))) {
                String message = c.getMessage();
                if (message != null && message.startsWith(issueKey + " ")) {
                    return c;
                }
            }
            return null;
        }

        List<String> branchNames(DevInfoQueries queries, String issueKey) {
            return queries.detail(issueKey).repositories().stream()
                    .flatMap(r -> r.branches().items().stream()).map(DevInfoDetail.Branch::name).toList();
        }

        /** Branch name → how many branch_created events the outbox holds for it (by the whole name). */
        Map<String, Integer> branchCreated() {
            Map<String, Integer> created = new LinkedHashMap<>();
            for (DevEventEntity e : fixture.ao.find(DevEventEntity.class, Query.select()
                    .where("REPOSITORY_ID = ? AND TYPE = ?", id, "BRANCH_CREATED"))) {
                created.merge(StoredText.shown(e.getTarget(), e.getFullTarget()), 1, Integer::sum);
            }
            return created;
        }

        SyncRunEntity lastRun() {
            return fixture.ao.find(SyncRunEntity.class, Query.select().where("REPOSITORY_ID = ?", id)
                    .order("ID DESC").limit(1))[0];
        }

        interface PageEdit {
            void edit(JsonNode page);
        }

        static Response rewrite(Response response, PageEdit edit) throws IOException {
            JsonNode page = JSON.readTree(response.body().string());
            edit.edit(page);
            return response.newBuilder().body(ResponseBody.create(JSON.writeValueAsBytes(page),
                    MediaType.get("application/json"))).build();
        }
    }
}
