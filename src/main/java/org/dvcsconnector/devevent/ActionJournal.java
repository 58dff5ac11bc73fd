package org.dvcsconnector.devevent;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.java.ao.Query;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.spi.ActiveObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each action of an event at most once, cluster-wide: a row with a unique id is committed before the host is
 * called and its outcome after. The host calls (comment, work log, transition) are not in our transaction and
 * not idempotent, so at-least-once would double comments and work logs after a crash; at-most-once instead leaves
 * an action whose attempt died mid-call as INTERRUPTED, shown to admins, never repeated.
 */
public final class ActionJournal {

    public static final String SMART_COMMIT = "SMART_COMMIT";
    public static final String TRIGGER = "TRIGGER";
    public static final String PUBLISH = "PUBLISH";
    private static final Logger LOG = LoggerFactory.getLogger(ActionJournal.class);

    /** What an action is: its kind, its key within the event (stable across retries), issue and command. */
    public record Action(String kind, String key, String issueKey, String command) {}

    /** How an action ended, and as whom it ran. */
    public record Result(String outcome, String reason, String actor) {
        public static Result done(String reason, String actor) {
            return new Result("DONE", reason, actor);
        }

        public static Result failed(String reason, String actor) {
            return new Result("FAILED", reason, actor);
        }

        public static Result skipped(String reason, String actor) {
            return new Result("SKIPPED", reason, actor);
        }
    }

    private final ActiveObjects ao;
    private final Clock clock;

    public ActionJournal(ActiveObjects ao, Clock clock) {
        this.ao = ao;
        this.clock = clock;
    }

    /** Runs {@code work} unless this action of this event was attempted before; a throw counts as FAILED. */
    public void once(DevEventContext context, Action action, Supplier<Result> work) {
        String actionId = context.eventId() + "/" + action.key();
        Integer rowId = claim(context, action, actionId);
        if (rowId == null) {
            return;
        }
        Result result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            LOG.warn("{} {} on {} failed", action.kind(), action.command(), action.issueKey(), e);
            result = Result.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        }
        Result outcome = result;
        ao.executeInTransaction(() -> {
            DevEventActionEntity row = ao.get(DevEventActionEntity.class, rowId);
            row.setOutcome(outcome.outcome());
            row.setReason(clip(outcome.reason()));
            row.setActor(outcome.actor() == null || outcome.actor().length() <= 255 ? outcome.actor()
                    : outcome.actor().substring(0, 254) + "…"); // a Bitbucket display name in "… on behalf of …"
            row.save();
            return null;
        });
    }

    /** The new row's id, or null when the action was attempted already (a STARTED one is marked INTERRUPTED). */
    private Integer claim(DevEventContext context, Action action, String actionId) {
        try {
            return ao.executeInTransaction(() -> {
                DevEventActionEntity[] existing = ao.find(DevEventActionEntity.class, "ACTION_ID = ?", actionId);
                if (existing.length > 0) {
                    if ("STARTED".equals(existing[0].getOutcome())) {
                        existing[0].setOutcome("INTERRUPTED");
                        existing[0].setReason("Started by an attempt that stopped before reporting back: not repeated, "
                                + "check the issue");
                        existing[0].save();
                    }
                    return null;
                }
                DevEventActionEntity row = ao.create(DevEventActionEntity.class, Map.of("ACTION_ID", actionId,
                        "EVENT_ID", context.eventId(), "CREATED_AT", clock.millis()));
                row.setKind(action.kind());
                row.setEventType(context.event().type().name());
                row.setRepositoryId(context.repositoryId());
                // a log line: a branch name longer than the column is shown cut (the event's URL links the branch)
                row.setTarget(StoredText.shorten(context.event().target(), StoredText.KEY_LENGTH));
                row.setUrl(context.event().url());
                row.setIssueKey(action.issueKey());
                row.setCommand(clip(action.command()));
                row.setOutcome("STARTED");
                row.save();
                return row.getID();
            });
        } catch (RuntimeException e) {
            // Another node inserted the same id first (unique constraint): it owns the action.
            LOG.debug("Action {} claimed elsewhere: {}", actionId, e.toString());
            return null;
        }
    }

    /** The newest rows of a kind with one of the outcomes (all outcomes when none given). */
    public List<ActionView> recent(String kind, int limit, String... outcomes) {
        StringBuilder where = new StringBuilder("KIND = ?");
        Object[] params = new Object[1 + outcomes.length];
        params[0] = kind;
        for (int i = 0; i < outcomes.length; i++) {
            where.append(i == 0 ? " AND OUTCOME IN (?" : ", ?");
            params[i + 1] = outcomes[i];
        }
        if (outcomes.length > 0) {
            where.append(')');
        }
        return Arrays.stream(ao.find(DevEventActionEntity.class, Query.select().where(where.toString(), params)
                .order("ID DESC").limit(limit))).map(ActionView::of).toList();
    }

    private static String clip(String text) {
        return StoredText.shorten(text, 2000);
    }
}
