package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Index;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Indexes;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * "Commit {@code hash} is on branch {@code branchName}": every branch from whose head the commit is reachable.
 * {@code branchName} is the branch's key ({@link BranchEntity#getName}).
 */
@Table("COMMIT_BRANCH")
// A branch's rows are replaced and deleted by its key: without this, each is a scan of the repository's rows, and a
// full sync of 5,000 branches quadratic.
@Indexes(@Index(name = "repositoryBranch", methodNames = {"getRepositoryId", "getBranchName"}))
public interface CommitBranchEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @Indexed
    @StringLength(40)
    String getCommitHash();
    void setCommitHash(String hash);

    @StringLength(450)
    String getBranchName();
    void setBranchName(String name);
}
