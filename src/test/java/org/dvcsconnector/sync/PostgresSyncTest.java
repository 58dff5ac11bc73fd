package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sync on a real PostgreSQL (embedded): its quoting, its transactions, and two repositories synced at once
 * (which AO's default SERIALIZABLE transactions made PostgreSQL abort).
 */
class PostgresSyncTest {

    private EmbeddedPostgres postgres;
    private SyncFixture fixture;

    @BeforeEach
    void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        fixture = new SyncFixture(postgres.getJdbcUrl("postgres", "postgres"), 2, 1_200, 5, 6);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        postgres.close();
    }

    @Test
    void twoRepositoriesSyncedAtOnceEachEqualBitbucketThenASoftSyncCatchesUp() {
        List<String> slugs = List.of("repo-01", "repo-02");
        CompletableFuture.allOf(slugs.stream()
                .map(slug -> CompletableFuture.runAsync(() -> fixture.sync().run(fixture.repositoryId(slug), true)))
                .toArray(CompletableFuture[]::new)).join();
        for (String slug : slugs) {
            int id = fixture.repositoryId(slug);
            assertThat(fixture.sync().progress().get(id).error()).as(slug).isNull();
            Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(slug)));
        }

        int id = fixture.repositoryId("repo-01");
        try {
            fixture.commit("repo-01", "main", "DEMO-41 on PostgreSQL");
            fixture.branch("repo-01", "feature/DEMO-42", "main");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        fixture.sync().run(id, false);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote("repo-01")));
    }
}
