package org.dvcsconnector.devevent;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;

/** Writes events into the outbox inside the caller's transaction, and wakes the dispatcher afterwards. */
public final class DevEventOutbox {

    public static final String RUNNER = "dvcs.devevents";
    /** Triggers run for at most this many issues of one event (a message may name thousands). */
    public static final int MAX_ISSUES = 100;
    /** As much as a commit's stored message ({@link StoredText#LONG}); the smart-commit parser reads no further either. */
    public static final int MAX_MESSAGE = StoredText.LONG;
    private static final String INSERT = Sql.insert(DevEventEntity.class, "REPOSITORY_ID", "TYPE", "TARGET", "ISSUE_KEYS",
            "MESSAGE", "ACTOR_EMAIL", "ACTOR_ACCOUNT_ID", "URL", "OCCURRED_AT", "CREATED_AT", "STATE", "ACTOR_NAME",
            "FULL_TARGET");

    private final Sql sql;
    private final SchedulerService scheduler;
    private final Clock clock;

    public DevEventOutbox(PluginDatabase db, SchedulerService scheduler, Clock clock) {
        this.sql = db.sql(DevEventEntity.class);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Call inside the transaction that stores what the events describe. */
    public void record(int repositoryId, Collection<NewDevEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        long now = clock.millis();
        sql.batch(INSERT, events, (s, e) -> {
            s.setInt(1, repositoryId);
            s.setString(2, e.type().name());
            s.setString(3, StoredText.key(e.target()));
            s.setString(4, String.join(" ", e.issueKeys().subList(0, Math.min(MAX_ISSUES, e.issueKeys().size()))));
            Sql.setString(s, 5, StoredText.fit(e.message(), MAX_MESSAGE).text());
            Sql.setString(s, 6, StoredText.shorten(e.actorEmail(), StoredText.SHORT));
            Sql.setString(s, 7, StoredText.shorten(e.actorAccountId(), StoredText.SHORT));
            Sql.setString(s, 8, StoredText.clean(e.url()));
            s.setLong(9, e.occurredAt());
            s.setLong(10, now);
            s.setString(11, "PENDING");
            Sql.setString(s, 12, StoredText.shorten(e.actorName(), StoredText.SHORT));
            Sql.setString(s, 13, StoredText.full(e.target()));
        });
    }

    /**
     * Asks for a drain now (any node). A job of its own per wake-up: re-scheduling one id while it runs could be
     * lost, and the events just committed would then wait for the periodic drain.
     */
    public void wake() {
        scheduler.scheduleJob(RUNNER + ".now." + java.util.UUID.randomUUID(),
                new JobConfig(RUNNER, JobSchedule.now(), Map.of()));
    }
}
