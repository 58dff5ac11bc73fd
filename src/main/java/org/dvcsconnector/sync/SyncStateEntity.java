package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * The sync state of one repository: what runs now (phase, items done of total, requests made) and the
 * pull-request cursor. The commit cursor is the stored branch heads ({@code BRANCH}).
 */
@Table("SYNC_STATE")
public interface SyncStateEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    /** {@link SyncProgress.State} name. */
    String getState();
    void setState(String state);

    /** FULL or SOFT. */
    String getType();
    void setType(String type);

    /** {@link SyncProgress.Phase} name. */
    String getPhase();
    void setPhase(String phase);

    int getItemsDone();
    void setItemsDone(int done);

    /** Null while unknown (Bitbucket's commit listing has no total). */
    Integer getItemsTotal();
    void setItemsTotal(Integer total);

    int getRequests();
    void setRequests(int requests);

    @StringLength(StringLength.UNLIMITED)
    String getError();
    void setError(String error);

    /** What the last run wants known that is no error, such as the records it skipped; null when nothing. */
    @StringLength(StringLength.UNLIMITED)
    String getNote();
    void setNote(String note);

    Long getStartedAt();
    void setStartedAt(Long epochMillis);

    Long getFinishedAt();
    void setFinishedAt(Long epochMillis);

    /** Newest pull-request {@code updated_on} stored (epoch millis), advanced only after that data is committed. */
    long getPullRequestCursor();
    void setPullRequestCursor(long epochMillis);

    /** Whether a full sync ever completed: a soft sync needs that baseline. */
    boolean isBaseline();
    void setBaseline(boolean baseline);
}
