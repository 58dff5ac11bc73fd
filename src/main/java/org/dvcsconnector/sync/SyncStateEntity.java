package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * The sync state of one repository: what runs now (phase, items done of total, requests made), when a pause ends
 * and why, the pull-request cursor and the history cursor. The commit cursor of soft syncs is the stored branch heads
 * ({@code BRANCH}); the history cursor says where a full sync's older commits go on ({@link HistoryCursor}).
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

    /**
     * Whether a full sync ever stored the repository's recent work (branches, newest commits, open pull requests)
     * and its branch heads: a soft sync and a push need that baseline. Older history may still be pending.
     */
    boolean isBaseline();
    void setBaseline(boolean baseline);

    /** While {@code PAUSED}: when the run resumes by itself (epoch millis). */
    Long getResumesAt();
    void setResumesAt(Long epochMillis);

    /** While {@code PAUSED}: {@link org.dvcsconnector.bitbucket.RateLimitedException.Reason} name. */
    String getPauseReason();
    void setPauseReason(String reason);

    /** The heads (space-separated hashes) whose history a full sync still lists; null when none is pending. */
    @StringLength(StringLength.UNLIMITED)
    String getHistoryHeads();
    void setHistoryHeads(String heads);

    /** The next page of that listing (Bitbucket's opaque link); null once every page is stored. */
    @StringLength(StringLength.UNLIMITED)
    String getHistoryNext();
    void setHistoryNext(String url);

    /** Commits that listing has returned so far, its first page included. */
    int getHistoryCommits();
    void setHistoryCommits(int commits);

    /** The newest commit date of the listing (epoch millis), from its first page. */
    Long getHistoryNewest();
    void setHistoryNewest(Long epochMillis);

    /** The oldest commit date the listing has reached (epoch millis). */
    Long getHistoryReached();
    void setHistoryReached(Long epochMillis);
}
