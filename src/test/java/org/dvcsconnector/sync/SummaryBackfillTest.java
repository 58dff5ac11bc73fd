package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.devinfo.DevInfoQueries;
import org.dvcsconnector.devinfo.IssueLinkEntity;
import org.dvcsconnector.devinfo.IssueSummaryEntity;
import org.dvcsconnector.devinfo.SummaryTableReadiness;
import org.dvcsconnector.testing.MapPluginSettings;
import org.junit.jupiter.api.Test;

/**
 * The one-time build of the issue summary table for links stored before it existed (an upgrade), over synced
 * repositories on H2: it waits for a repository a sync holds, and once done the table answers what the links do.
 */
class SummaryBackfillTest {

    @Test
    void theBackfillBuildsEverySummaryAndLeavesABusyRepositoryForLater() throws Exception {
        try (SyncFixture fixture = new SyncFixture(2, 300, 4, 6)) {
            int first = fixture.repositoryId("repo-01");
            int second = fixture.repositoryId("repo-02");
            fixture.sync().run(first, true);
            fixture.sync().run(second, true);
            DevInfoQueries table = new DevInfoQueries(fixture.db, () -> "https://bitbucket.org/", () -> true);
            DevInfoQueries links = new DevInfoQueries(fixture.db, () -> "https://bitbucket.org/", () -> false);
            List<String> keys = issueKeys(fixture);
            assertThat(keys).hasSizeGreaterThan(10);
            // Kept by the sync's own writes...
            keys.forEach(key -> assertThat(table.summary(key)).as(key).isEqualTo(links.summary(key)));

            // ...and rebuilt after an upgrade from a version without the table.
            raw(fixture).update("DELETE FROM [IssueSummaryEntity]");
            MapPluginSettings settings = new MapPluginSettings(new HashMap<>());
            SummaryTableReadiness readiness = new SummaryTableReadiness(settings, Clock.systemUTC());
            SummaryBackfill backfill = new SummaryBackfill(fixture.accounts, fixture.devInfo, fixture.scheduler(),
                    fixture.locks, readiness, Clock.systemUTC());
            assertThat(readiness.ready()).isFalse();

            try (SyncFixture.HeldLock busy = fixture.holdRepositoryLock(second)) {
                assertThat(backfill.run()).as("a repository is busy").isFalse();
                assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(SummaryBackfill.RUNNER));
                assertThat(settings.values()).isEmpty();
            }

            assertThat(backfill.run()).isTrue();
            assertThat(settings.values()).containsKey("devinfo.summaryTable");
            assertThat(readiness.ready()).isTrue();
            keys.forEach(key -> assertThat(table.summary(key)).as(key).isEqualTo(links.summary(key)));
            assertThat(table.summary(keys.get(0)).commits().count()).isPositive();
        }
    }

    @Test
    void aRepositoryWhoseBuildFailsIsTriedAgainAndNothingIsMarkedDone() throws Exception {
        try (SyncFixture fixture = new SyncFixture(1, 50, 2, 2)) {
            fixture.sync().run(fixture.repositoryId("repo-01"), true);
            MapPluginSettings settings = new MapPluginSettings(new HashMap<>());
            SummaryTableReadiness readiness = new SummaryTableReadiness(settings, Clock.systemUTC());
            SummaryBackfill backfill = new SummaryBackfill(fixture.accounts, fixture.devInfo, fixture.scheduler(),
                    fixture.locks, readiness, Clock.systemUTC());
            raw(fixture).update("DROP TABLE [IssueSummaryEntity]");

            assertThat(backfill.run()).as("the build failed").isFalse();
            assertThat(fixture.scheduled).anyMatch(job -> job.startsWith(SummaryBackfill.RUNNER));
            assertThat(settings.values()).isEmpty();

            fixture.ao.migrate(IssueSummaryEntity.class);
            assertThat(backfill.run()).isTrue();
            assertThat(readiness.ready()).isTrue();
            DevInfoQueries table = new DevInfoQueries(fixture.db, () -> "https://bitbucket.org/", () -> true);
            DevInfoQueries links = new DevInfoQueries(fixture.db, () -> "https://bitbucket.org/", () -> false);
            issueKeys(fixture).forEach(key -> assertThat(table.summary(key)).as(key).isEqualTo(links.summary(key)));
        }
    }

    private static List<String> issueKeys(SyncFixture fixture) {
        return List.copyOf(new TreeSet<>(raw(fixture).list("SELECT DISTINCT [ISSUE_KEY] FROM [IssueLinkEntity]",
                row -> row.string("ISSUE_KEY"))));
    }

    /** SQL straight at the tables, as an upgrade or an administrator would leave them. */
    private static Sql raw(SyncFixture fixture) {
        return fixture.db.sql(IssueSummaryEntity.class, IssueLinkEntity.class);
    }
}
