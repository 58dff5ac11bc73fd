package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.java.ao.Query;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.devevent.DevEventEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bitbucket changing under a running sync: a branch deleted and created again with the same name, the repository
 * renamed (a new slug), and a repository of 5,000 branches (whose soft sync excludes 5,000 heads in a POST form).
 */
class MidSyncChangesTest {

    private static final String SLUG = "repo-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private SyncFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aBranchDeletedAndCreatedAgainWhileASyncRunsEndsUpAsBitbucketHasIt() throws Exception {
        fixture = new SyncFixture(1, 150, 4, 2);
        int id = fixture.repositoryId(SLUG);
        String branch = "feature/DEMO-900030-again";
        fixture.branch(SLUG, branch, "main");
        fixture.commit(SLUG, branch, "DEMO-900031 first life of the branch");
        fixture.sync().run(id, true);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));

        // Moved by a push, then, right after the soft sync read the branch listing, deleted and created again from
        // main with a new commit: the listing's head for it is gone from every branch.
        fixture.commit(SLUG, branch, "DEMO-900032 second commit");
        fixture.sync(afterBranchListing(() -> {
            deleteBranch(branch);
            fixture.branch(SLUG, branch, "main");
            fixture.commit(SLUG, branch, "DEMO-900033 the branch's second life");
        })).run(id, false);
        assertThat(fixture.sync().progress().get(id).error()).isNull();

        fixture.sync().run(id, false); // the next sync sees the branch's new head
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        Mirror stored = Mirror.stored(fixture.ao, id);
        Mirror expected = Mirror.expected(fixture.remote(SLUG));
        assertThat(stored.branches()).isEqualTo(expected.branches());
        assertThat(stored.membership()).as("on the branch: its second life only").isEqualTo(expected.membership());
        assertThat(stored.links()).containsAll(expected.links());
        assertThat(stored.storedRows()).as("no duplicate rows").isEqualTo(stored.distinctRows());
        assertThat(fixture.ao.count(DevEventEntity.class, Query.select().where("TYPE = ? AND TARGET = ?",
                "BRANCH_CREATED", branch))).as("the branch never looked gone to a sync: not created again").isZero();

        // The same during a full sync: the branch is left out of the cursor or kept; the next sync settles it.
        fixture.sync(afterBranchListing(() -> {
            deleteBranch(branch);
            fixture.branch(SLUG, branch, "main");
        })).run(id, true);
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        fixture.sync().run(id, false);
        stored = Mirror.stored(fixture.ao, id);
        expected = Mirror.expected(fixture.remote(SLUG));
        assertThat(stored.branches()).isEqualTo(expected.branches());
        assertThat(stored.membership()).isEqualTo(expected.membership());
        assertThat(stored.storedRows()).as("no duplicate rows").isEqualTo(stored.distinctRows());
    }

    @Test
    void aRepositoryRenamedWhileItSyncsGoesOnSyncingByItsUuid() throws Exception {
        fixture = new SyncFixture(1, 250, 3, 3);
        int id = fixture.repositoryId(SLUG);
        org.dvcsconnector.refapp.simulator.model.Repository remote = fixture.remote(SLUG);
        RepositoryEntity repository = fixture.accounts.repository(id).orElseThrow();
        repository.setUuid(remote.uuid()); // as discovery stores it
        repository.save();

        // Renamed right after the branch listing: the commit pages and pull requests come from the renamed one.
        fixture.sync(afterBranchListing(() -> fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE
                + "/repositories/" + SLUG + "/rename", "{\"slug\":\"renamed\"}"))).run(id, true);

        assertThat(fixture.simulator.store().repository(SyncFixture.WORKSPACE, SLUG)).as("the old slug is gone").isEmpty();
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(remote));

        fixture.commit("renamed", "main", "DEMO-900034 after the rename");
        fixture.sync().run(id, false); // discovery has not run: the stored slug is still the old one
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(remote));
    }

    @Test
    void fiveThousandBranchesSyncAndTheirSoftSyncExcludesEveryHeadInAForm() throws Exception {
        fixture = new SyncFixture(1, 60, 5_000, 2);
        int id = fixture.repositoryId(SLUG);
        fixture.sync().run(id, true);
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.devInfo.branchHeads(id)).hasSize(fixture.remote(SLUG).branches().size());

        // A commit on each of 50 branches: the 50 new heads (included) and the others (excluded) make a list far
        // beyond a URL's length.
        fixture.remote(SLUG).branches().keySet().stream().filter(b -> !b.equals("main")).limit(50).toList()
                .forEach(branch -> {
                    try {
                        fixture.commit(SLUG, branch, "DEMO-900035 one more on " + branch);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        fixture.control("/_sim/stats/reset", "{}");
        fixture.sync().run(id, false);
        assertThat(fixture.sync().progress().get(id).error()).isNull();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
        assertThat(fixture.stats().path("byEndpoint").path("POST /2.0/repositories/{workspace}/{repo_slug}/commits")
                .asInt()).as("the exclude list went in a POST form").isPositive();
    }

    @FunctionalInterface
    interface Change {
        void make() throws IOException;
    }

    /** A client that makes {@code change} on Bitbucket once, right after the first branch listing page is read. */
    private OkHttpClient afterBranchListing(Change change) {
        AtomicBoolean done = new AtomicBoolean();
        return fixture.http.newBuilder().addInterceptor(chain -> {
            okhttp3.Response response = chain.proceed(chain.request());
            if (chain.request().url().encodedPath().endsWith("/refs/branches") && done.compareAndSet(false, true)) {
                response = response.newBuilder().body(okhttp3.ResponseBody.create(response.body().bytes(),
                        response.body().contentType())).build(); // read before Bitbucket changes
                try {
                    change.make();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return response;
        }).build();
    }

    private void deleteBranch(String name) throws IOException {
        fixture.control("/_sim/workspaces/" + SyncFixture.WORKSPACE + "/repositories/" + SLUG + "/branches/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8), JSON.writeValueAsString(Map.of()), "DELETE");
    }
}
