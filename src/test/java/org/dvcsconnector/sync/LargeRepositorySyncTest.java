package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A 200,000-commit repository synced in a small heap. Slow (minutes), so it runs only on demand:
 * {@code mvn test -Dtest=LargeRepositorySyncTest -Ddvcs.large=true -DargLine=-Xmx256m}. The database is an H2
 * file, so that the heap holds what the sync holds, not the database's rows.
 */
@EnabledIfSystemProperty(named = "dvcs.large", matches = "true")
class LargeRepositorySyncTest {

    @Test
    // About a minute on an idle machine, several when loaded or given more commits: beyond the 5 m default.
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void twoHundredThousandCommitsSyncInASmallHeap() throws Exception {
        Path dir = Files.createTempDirectory("large-sync");
        int commits = Integer.getInteger("dvcs.large.commits", 200_000);
        try (SyncFixture fixture = new SyncFixture("jdbc:h2:file:" + dir.resolve("db") + ";CACHE_SIZE=8192", 1, commits, 5, 20)) {
            int id = fixture.repositoryId("repo-01");
            long start = System.nanoTime();
            fixture.sync().run(id, true);
            SyncProgress progress = fixture.sync().progress().get(id);
            System.out.printf("large sync: %d commits in %d s, %d requests, max heap %d MB, error %s%n", commits,
                    (System.nanoTime() - start) / 1_000_000_000L, progress.requests(),
                    Runtime.getRuntime().maxMemory() / (1 << 20), progress.error());
            assertThat(progress.state()).isEqualTo(SyncProgress.State.DONE);
            assertThat(fixture.devInfo.commitHashes(id)).hasSize(
                    Mirror.expected(fixture.remote("repo-01")).commits().size());
        }
    }
}
