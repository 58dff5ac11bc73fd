package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A commit a pull request brings (Bitbucket's {@code /pullrequests/{id}/commits}). */
@Table("PR_COMMIT")
public interface PullRequestCommitEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @Indexed
    long getPullRequestRemoteId();
    void setPullRequestRemoteId(long remoteId);

    @StringLength(40)
    String getCommitHash();
    void setCommitHash(String hash);
}
