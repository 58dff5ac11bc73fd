package org.dvcsconnector.devinfo;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A commit of a repository. Written by raw JDBC batches ({@link DevInfoStore}); one row per (repository, hash). */
@Table("COMMIT")
public interface CommitEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    @Indexed
    @NotNull
    @StringLength(40)
    String getHash();
    void setHash(String hash);

    /** At most {@link org.dvcsconnector.db.StoredText#LONG} characters of the message. */
    @StringLength(StringLength.UNLIMITED)
    String getMessage();
    void setMessage(String message);

    /** The length of the message Bitbucket sent when the stored one was cut; null when it is stored whole. */
    Integer getMessageLength();
    void setMessageLength(Integer length);

    String getAuthorName();
    void setAuthorName(String name);

    String getAuthorEmail();
    void setAuthorEmail(String email);

    String getAuthorAccountId();
    void setAuthorAccountId(String accountId);

    /** The Bitbucket user's avatar, when the author is one; the issue view shows it. */
    @StringLength(StringLength.UNLIMITED)
    String getAuthorAvatarUrl();
    void setAuthorAvatarUrl(String url);

    long getCommittedAt();
    void setCommittedAt(long epochMillis);

    /** Space-separated full parent hashes, first parent first: lets a soft sync rebuild the graph without Bitbucket. */
    @StringLength(StringLength.UNLIMITED)
    String getParentHashes();
    void setParentHashes(String hashes);

    boolean isMerge();
    void setMerge(boolean merge);
}
