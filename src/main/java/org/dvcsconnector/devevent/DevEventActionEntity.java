package org.dvcsconnector.devevent;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * The journal of what was done for an event: one row per smart-commit command per issue, per trigger per issue,
 * and per publication. Inserted (unique {@code ACTION_ID}) before the host is called, so a retry or another node
 * never repeats it; the outcome is written after. It doubles as the smart-commit error list and the trigger log.
 */
@Table("DEV_EVENT_ACTION")
public interface DevEventActionEntity extends Entity {

    /** {@code <event id>/<action key>}: what makes a second attempt a failed insert. */
    @NotNull
    @Unique
    String getActionId();
    void setActionId(String actionId);

    @Indexed
    int getEventId();
    void setEventId(int eventId);

    /** SMART_COMMIT, TRIGGER or PUBLISH. */
    @Indexed
    String getKind();
    void setKind(String kind);

    String getEventType();
    void setEventType(String type);

    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @StringLength(450)
    String getTarget();
    void setTarget(String target);

    @StringLength(StringLength.UNLIMITED)
    String getUrl();
    void setUrl(String url);

    String getIssueKey();
    void setIssueKey(String key);

    /** The command as written, or the trigger's transition. */
    @StringLength(StringLength.UNLIMITED)
    String getCommand();
    void setCommand(String command);

    /** The host user it ran as. */
    String getActor();
    void setActor(String username);

    /** STARTED, DONE, FAILED, SKIPPED, or INTERRUPTED (started by an attempt that never reported back). */
    @Indexed
    String getOutcome();
    void setOutcome(String outcome);

    @StringLength(StringLength.UNLIMITED)
    String getReason();
    void setReason(String reason);

    @Indexed
    long getCreatedAt();
    void setCreatedAt(long epochMillis);
}
