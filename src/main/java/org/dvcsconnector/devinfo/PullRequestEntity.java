package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A pull request of a repository; {@code remoteId} is Bitbucket's number, unique per repository. */
@Table("PULL_REQUEST")
public interface PullRequestEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    long getRemoteId();
    void setRemoteId(long remoteId);

    @StringLength(StringLength.UNLIMITED)
    String getTitle();
    void setTitle(String title);

    /** OPEN, MERGED, DECLINED or SUPERSEDED. */
    String getState();
    void setState(String state);

    @StringLength(450)
    String getSourceBranch();
    void setSourceBranch(String branch);

    @StringLength(450)
    String getDestinationBranch();
    void setDestinationBranch(String branch);

    String getAuthorName();
    void setAuthorName(String name);

    @StringLength(StringLength.UNLIMITED)
    String getAuthorAvatarUrl();
    void setAuthorAvatarUrl(String url);

    /** Reviewers and other participants with their approvals, as a JSON array ({@link Participant}s): read whole, never queried. */
    @StringLength(StringLength.UNLIMITED)
    String getParticipants();
    void setParticipants(String json);

    /** Bitbucket's {@code updated_on}, epoch millis: the soft sync's pull-request cursor. */
    long getUpdatedOn();
    void setUpdatedOn(long epochMillis);

    int getCommentCount();
    void setCommentCount(int count);

    @StringLength(StringLength.UNLIMITED)
    String getUrl();
    void setUrl(String url);

    @StringLength(40)
    String getSourceHash();
    void setSourceHash(String hash);

    @StringLength(40)
    String getMergeHash();
    void setMergeHash(String hash);
}
