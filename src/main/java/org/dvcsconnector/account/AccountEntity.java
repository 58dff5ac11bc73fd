package org.dvcsconnector.account;

import net.java.ao.Entity;
import net.java.ao.schema.Default;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/**
 * A linked Bitbucket workspace. Secrets and tokens are stored only encrypted ({@code *Encrypted} columns,
 * via the host's SecretCipher); {@code tokenVersion} grows with each stored token so that two nodes
 * refreshing at once cannot overwrite a newer refresh token with an older one.
 */
@Table("ACCOUNT")
public interface AccountEntity extends Entity {

    @NotNull
    String getHost();
    void setHost(String host);

    @NotNull
    @Indexed
    @StringLength(100)
    String getWorkspace();
    void setWorkspace(String workspace);

    String getWorkspaceName();
    void setWorkspaceName(String name);

    String getWorkspaceUuid();
    void setWorkspaceUuid(String uuid);

    @StringLength(StringLength.UNLIMITED)
    String getAvatarUrl();
    void setAvatarUrl(String url);

    @NotNull
    String getAuthType();
    void setAuthType(String authType);

    String getClientId();
    void setClientId(String clientId);

    @StringLength(StringLength.UNLIMITED)
    String getClientSecretEncrypted();
    void setClientSecretEncrypted(String value);

    @StringLength(StringLength.UNLIMITED)
    String getAccessTokenEncrypted();
    void setAccessTokenEncrypted(String value);

    @StringLength(StringLength.UNLIMITED)
    String getRefreshTokenEncrypted();
    void setRefreshTokenEncrypted(String value);

    Long getTokenExpiresAt();
    void setTokenExpiresAt(Long epochMillis);

    int getTokenVersion();
    void setTokenVersion(int version);

    @StringLength(StringLength.UNLIMITED)
    String getScopes();
    void setScopes(String scopes);

    @NotNull
    String getStatus();
    void setStatus(String status);

    @StringLength(StringLength.UNLIMITED)
    String getStatusMessage();
    void setStatusMessage(String message);

    boolean isAutoLink();
    void setAutoLink(boolean autoLink);

    boolean isSmartCommits();
    void setSmartCommits(boolean smartCommits);

    /**
     * Smart commits run only for commits whose author Bitbucket linked to one of its accounts (the payload's
     * {@code author.user}); otherwise anyone who may push could act as whoever's e-mail they write in a commit.
     * False for accounts stored before the option existed, so nothing changes for them until an admin turns it on.
     */
    @Default("false")
    boolean isVerifiedAuthorsOnly();
    void setVerifiedAuthorsOnly(boolean verifiedAuthorsOnly);

    /**
     * Bitbucket requests this account's syncs may send in any hour (its request budget); null: the site's default
     * (the plugin setting {@code sync.requestsPerHourPerAccount}).
     */
    Integer getRequestBudget();
    void setRequestBudget(Integer requestsPerHour);

    Long getCreatedAt();
    void setCreatedAt(Long epochMillis);

    Integer getLegacyOrganizationId();
    void setLegacyOrganizationId(Integer id);

    String getDiscoveryState();
    void setDiscoveryState(String state);

    Long getDiscoveredAt();
    void setDiscoveredAt(Long epochMillis);

    int getDeleteTotal();
    void setDeleteTotal(int total);

    int getDeleteDone();
    void setDeleteDone(int done);
}
