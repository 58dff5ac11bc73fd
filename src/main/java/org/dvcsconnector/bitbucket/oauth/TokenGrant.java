package org.dvcsconnector.bitbucket.oauth;

import java.time.Instant;
import java.util.Set;

/** What Bitbucket's token endpoint granted. {@code refreshToken} rotates: each refresh returns a new one. */
public record TokenGrant(String accessToken, String refreshToken, Instant expiresAt, Set<String> scopes) {

    @Override
    public String toString() {
        // Never print tokens.
        return "TokenGrant[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
