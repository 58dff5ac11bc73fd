package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.sync.SyncRunEntity;
import org.dvcsconnector.web.DurationFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncAuditLogTest {

    private Database database;
    private PluginActiveObjects ao;
    private SyncAuditLog log;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(SyncRunEntity.class);
        log = new SyncAuditLog(ao, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void retentionIsPerRepositoryAndTypeSoPushesNeverEvictTheLastFullSync() {
        int full = log.started(1, SyncKind.FULL);
        log.finished(full, new SyncAuditLog.Counts(500, 3, 2, 9), null);
        for (int i = 0; i < 50; i++) {
            log.record(1, SyncKind.WEBHOOK, System.currentTimeMillis(), new SyncAuditLog.Counts(1, 1, 0, 0), null, null);
            log.record(2, SyncKind.WEBHOOK, System.currentTimeMillis(), new SyncAuditLog.Counts(1, 1, 0, 0), null, null);
        }

        List<SyncRunView> first = log.latest(Map.of(1, "webapp"), SyncAuditLog.MAX_LISTED);
        assertThat(first).hasSize(SyncAuditLog.KEEP_PER_TYPE + 1).allMatch(r -> r.repository().equals("webapp"));
        assertThat(first.get(0).type()).as("newest first").isEqualTo(SyncKind.WEBHOOK);
        SyncRunView fullRun = first.get(first.size() - 1);
        assertThat(fullRun.type()).isEqualTo(SyncKind.FULL);
        assertThat(fullRun.commits()).isEqualTo(500);
        assertThat(fullRun.requests()).isEqualTo(9);
        assertThat(fullRun.durationMs()).isNotNull().isNotNegative();
        assertThat(log.latest(Map.of(1, "webapp", 2, "api"), 1000)).hasSize(2 * SyncAuditLog.KEEP_PER_TYPE + 1);
        assertThat(log.latest(Map.of(), 10)).isEmpty();
    }

    @Test
    void aRunStillGoingHasNoEndAndNoDuration() {
        log.started(7, SyncKind.SOFT);
        SyncRunView running = log.latest(Map.of(7, "infra"), 5).get(0);
        assertThat(running.finished()).isNull();
        assertThat(running.durationMs()).isNull();
    }

    @Test
    void aRunLeftOpenByADeadNodeIsClosedAsInterruptedWhenTheNextOneStarts() {
        int dead = log.started(3, SyncKind.FULL);
        int next = log.started(3, SyncKind.FULL);
        List<SyncRunView> runs = log.latest(Map.of(3, "api"), 5);
        assertThat(runs).extracting(SyncRunView::id).containsExactly(next, dead);
        assertThat(runs.get(1).finished()).isNotNull();
        assertThat(runs.get(1).error()).startsWith("Interrupted");
        assertThat(runs.get(0).finished()).isNull();
    }

    @Test
    void durationsReadNaturally() {
        DurationFormat format = new DurationFormat();
        assertThat(format.format(850)).isEqualTo("850 ms");
        assertThat(format.format(12_400)).isEqualTo("12.4 s");
        assertThat(format.format(185_000)).isEqualTo("3 min 5 s");
        assertThat(format.format(3_720_000)).isEqualTo("1 h 2 min");
    }
}
