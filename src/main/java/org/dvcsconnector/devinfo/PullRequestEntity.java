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

    /** At most {@link org.dvcsconnector.db.StoredText#LONG} characters of the title. */
    @StringLength(StringLength.UNLIMITED)
    String getTitle();
    void setTitle(String title);

    /** The length of the title Bitbucket sent when the stored one was cut; null when it is stored whole. */
    Integer getTitleLength();
    void setTitleLength(Integer length);

    /** OPEN, MERGED, DECLINED or SUPERSEDED. */
    String getState();
    void setState(String state);

    @StringLength(450)
    String getSourceBranch();
    void setSourceBranch(String branch);

    @StringLength(450)
    String getDestinationBranch();
    void setDestinationBranch(String branch);

    /** The source branch's whole name when its key ({@link #getSourceBranch}) is not the name; else null. */
    @StringLength(StringLength.UNLIMITED)
    String getSourceBranchFull();
    void setSourceBranchFull(String branch);

    /** The destination branch's whole name when its key is not the name; else null. */
    @StringLength(StringLength.UNLIMITED)
    String getDestinationBranchFull();
    void setDestinationBranchFull(String branch);

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
