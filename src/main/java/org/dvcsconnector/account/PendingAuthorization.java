package org.dvcsconnector.account;

import java.time.Instant;

/**
 * An authorization-code round trip under way: kept in the administrator's session under its single-use
 * {@code state}. The secret is kept encrypted even there (sessions may be stored in the database).
 * {@code accountId} is set when re-authorising an existing account (migration, reset), null for a link.
 */
public record PendingAuthorization(String state, Integer accountId, String workspace, String clientId,
        String clientSecretSealed, boolean autoLink, boolean smartCommits, String redirectUri, Instant createdAt)
{
    @Override
    public String toString() {
        return "PendingAuthorization[workspace=" + workspace + ", accountId=" + accountId + "]";
    }
}
