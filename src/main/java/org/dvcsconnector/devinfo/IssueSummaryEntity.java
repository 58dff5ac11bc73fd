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
@Indexes(@Index(name = "issueRepository", methodNames = {"getIssueKey", "getRepositoryId"}))
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
