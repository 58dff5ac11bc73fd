package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * An issue's panel summary over every linked repository: the sum of its {@link IssueSummaryEntity} rows, so the
 * summary REST reads one row by a unique key. Kept by {@link IssueTotals}. One row with the key
 * {@link IssueTotals#LOCK_KEY} (never an issue key) is the lock that serialises its writers.
 */
@Table("ISSUE_TOTAL")
public interface IssueTotalEntity extends Entity {

    @Unique
    String getIssueKey();
    void setIssueKey(String key);

    int getCommits();
    void setCommits(int commits);

    int getBranches();
    void setBranches(int branches);

    /** Every state, superseded included. */
    int getPullRequests();
    void setPullRequests(int pullRequests);

    int getOpenPullRequests();
    void setOpenPullRequests(int open);

    int getMergedPullRequests();
    void setMergedPullRequests(int merged);

    int getDeclinedPullRequests();
    void setDeclinedPullRequests(int declined);

    /** When the issue's development information last changed (epoch millis), 0 when there is none. */
    long getUpdatedAt();
    void setUpdatedAt(long epochMillis);
}
