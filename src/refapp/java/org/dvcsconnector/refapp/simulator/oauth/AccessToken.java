package org.dvcsconnector.refapp.simulator.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** An issued access token: who it acts as, for which consumer, with which (expanded) scopes, until when. */
public record AccessToken(String token, String consumerKey, String username, List<String> granted, Set<String> scopes,
                          Instant expiresAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
