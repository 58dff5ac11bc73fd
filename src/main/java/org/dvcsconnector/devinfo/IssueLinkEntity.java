package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * An issue key found in a commit, branch or pull request. {@code target} is the natural key of the thing
 * (commit hash, branch name, pull request number), not a row id, so a resync that rewrites rows keeps links. A branch
 * is named by its key ({@link BranchEntity#getName}), so a name of any length joins its branch.
 */
@Table("ISSUE_LINK")
@Indexes(@Index(name = "issueKind", methodNames = {"getIssueKey", "getKind"}))
public interface IssueLinkEntity extends Entity {

    /** Indexed with {@link #getKind()}: the issue view reads one kind of an issue's links at a time. */
    String getIssueKey();
    void setIssueKey(String key);

    String getProjectKey();
    void setProjectKey(String key);

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    /** {@link LinkKind} name. */
    String getKind();
    void setKind(String kind);

    @StringLength(450)
    String getTarget();
    void setTarget(String target);

    /** When the plugin stored the link (epoch millis): the issue's development information changed then. */
    Long getCreatedAt();
    void setCreatedAt(Long epochMillis);
}
