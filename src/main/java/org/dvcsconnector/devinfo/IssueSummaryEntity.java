package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.Table;

/**
 * What one repository contributes to an issue's panel summary: its counts and when each last changed (epoch
 * millis, 0 when its count is 0). Derived data, kept by {@link IssueSummaries} in the transaction of every write
 * it derives from, so the summary REST reads one row per repository instead of every link of the issue.
 */
@Table("ISSUE_SUMMARY")
// Every column, issue key first: the summary reads an issue's rows from one or two index pages (an index-only scan
// on PostgreSQL) instead of one table page per repository. The price is that count updates are not HOT updates.
@Indexes(@Index(name = "issueCovering", methodNames = {"getIssueKey", "getRepositoryId", "getCommits", "getCommitsAt",
        "getBranches", "getBranchesAt", "getPullRequests", "getOpenPullRequests", "getMergedPullRequests",
        "getDeclinedPullRequests", "getPullRequestsAt"}))
public interface IssueSummaryEntity extends Entity {

    String getIssueKey();
    void setIssueKey(String key);

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    int getCommits();
    void setCommits(int commits);

    long getCommitsAt();
    void setCommitsAt(long epochMillis);

    int getBranches();
    void setBranches(int branches);

    long getBranchesAt();
    void setBranchesAt(long epochMillis);

    /** Every state, superseded included. */
    int getPullRequests();
    void setPullRequests(int pullRequests);

    int getOpenPullRequests();
    void setOpenPullRequests(int open);

    int getMergedPullRequests();
    void setMergedPullRequests(int merged);

    int getDeclinedPullRequests();
    void setDeclinedPullRequests(int declined);

    long getPullRequestsAt();
    void setPullRequestsAt(long epochMillis);
}
