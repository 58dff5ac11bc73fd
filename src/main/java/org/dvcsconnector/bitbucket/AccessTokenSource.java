package org.dvcsconnector.bitbucket;

/** Hands out a valid access token for one account, refreshing it when needed. */
public interface AccessTokenSource {

    /** A token that was valid a moment ago. */
    String accessToken() throws BitbucketException;

    /**
     * Bitbucket refused {@code token} (401): the next {@link #accessToken()} must not return it. A source that
     * cannot renew it returns it anyway, and the refused request is then not sent again.
     */
    void invalidate(String token);
}
