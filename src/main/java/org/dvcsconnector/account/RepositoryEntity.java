package org.dvcsconnector.account;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A repository of a linked account. {@code uuid} is Bitbucket's stable id: renames keep it. */
@Table("REPOSITORY")
public interface RepositoryEntity extends Entity {

    @Indexed
    int getAccountId();
    void setAccountId(int accountId);

    @NotNull
    String getSlug();
    void setSlug(String slug);

    String getName();
    void setName(String name);

    @Indexed
    String getUuid();
    void setUuid(String uuid);

    @StringLength(StringLength.UNLIMITED)
    String getAvatarUrl();
    void setAvatarUrl(String url);

    boolean isLinked();
    void setLinked(boolean linked);

    boolean isSmartCommits();
    void setSmartCommits(boolean smartCommits);

    /** Gone from Bitbucket (or from the workspace): kept only until its data is removed. */
    boolean isDeleted();
    void setDeleted(boolean deleted);

    Long getLastSyncAt();
    void setLastSyncAt(Long epochMillis);

    /**
     * Bitbucket's {@code created_on} (epoch millis), from the workspace listing: how far back its history may go,
     * for the estimate of a sync's pages left. Null until discovery has seen it.
     */
    Long getCreatedOn();
    void setCreatedOn(Long epochMillis);

    /** Bitbucket's uuid of the webhook this site registered on the repository; null when there is none. */
    String getHookUuid();
    void setHookUuid(String uuid);

    /**
     * The events the webhook was registered for, comma-separated; null for hooks registered before the plugin
     * stored them. A stored list that differs from the plugin's updates the hook in place.
     */
    @StringLength(StringLength.UNLIMITED)
    String getHookEvents();
    void setHookEvents(String events);

    /** The webhook's signing secret, sealed by {@link Secrets}: never stored or logged in clear. */
    @StringLength(StringLength.UNLIMITED)
    String getHookSecretEncrypted();
    void setHookSecretEncrypted(String sealed);

    /** Why the webhook could not be registered, in words for the admin; null once it is (or before trying). */
    @StringLength(StringLength.UNLIMITED)
    String getHookError();
    void setHookError(String error);
}
