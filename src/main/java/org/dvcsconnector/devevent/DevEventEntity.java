package org.dvcsconnector.devevent;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * The outbox: a development event, written in the same transaction as the data it describes (so an event
 * exists exactly when its commit, branch or pull request change was stored), drained by
 * {@link DevEventDispatcher}. Full syncs write none: they are backfill.
 */
@Table("DEV_EVENT")
public interface DevEventEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    /** A {@link org.dvcsconnector.api.DevEventType} name. */
    String getType();
    void setType(String type);

    /** Commit hash, branch name (its key, {@link org.dvcsconnector.db.StoredText#key}), or pull request number. */
    @StringLength(450)
    String getTarget();
    void setTarget(String target);

    /** The whole branch name when the target is its key (longer than 450 characters); else null. */
    @StringLength(StringLength.UNLIMITED)
    String getFullTarget();
    void setFullTarget(String target);

    /** Issue keys, space-separated. */
    @StringLength(StringLength.UNLIMITED)
    String getIssueKeys();
    void setIssueKeys(String keys);

    /** The commit message (commit events only: smart commits read it). */
    @StringLength(StringLength.UNLIMITED)
    String getMessage();
    void setMessage(String message);

    String getActorEmail();
    void setActorEmail(String email);

    String getActorAccountId();
    void setActorAccountId(String accountId);

    /** The actor's Bitbucket display name, for "on behalf of" (added later: null in older rows). */
    String getActorName();
    void setActorName(String name);

    @StringLength(StringLength.UNLIMITED)
    String getUrl();
    void setUrl(String url);

    long getOccurredAt();
    void setOccurredAt(long epochMillis);

    @Indexed
    long getCreatedAt();
    void setCreatedAt(long epochMillis);

    /** PENDING until every action of the event has run, then DONE. */
    @Indexed
    String getState();
    void setState(String state);
}
