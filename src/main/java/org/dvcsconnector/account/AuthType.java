package org.dvcsconnector.account;

/** How an account authenticates to Bitbucket, with the badge the accounts page shows. */
public enum AuthType {
    OAUTH2_PRIVATE_CONSUMER("OAuth 2.0 · private consumer"),
    OAUTH2_AUTHORIZATION_CODE("OAuth 2.0 · authorization code"),
    /** Imported from Atlassian's legacy connector; kept, not synced, until migrated to OAuth 2.0. */
    OAUTH1_LEGACY("OAuth 1.0 · deprecated");

    private final String badge;

    AuthType(String badge) {
        this.badge = badge;
    }

    public String badge() {
        return badge;
    }

    public boolean isOAuth2() {
        return this != OAUTH1_LEGACY;
    }
}
