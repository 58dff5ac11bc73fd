package org.dvcsconnector.bitbucket.oauth;

/**
 * The token endpoint said no, with RFC 6749's {@code error} code and Bitbucket's description; or it
 * could not be reached ({@code status} 0).
 */
public final class OAuthException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String description;

    public OAuthException(int status, String error, String description) {
        super(error + (description == null || description.isBlank() ? "" : ": " + description));
        this.status = status;
        this.error = error;
        this.description = description;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return description == null ? "" : description;
    }

    /** The credentials themselves are wrong (unknown key, wrong secret). */
    public boolean isInvalidClient() {
        return "invalid_client".equals(error) || "unauthorized_client".equals(error);
    }

    /** The grant does not apply: a public consumer asked for client credentials, a used or revoked token. */
    public boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }

    /** Bitbucket answered, but with a token the plugin cannot use (see {@link TokenResponse}). */
    public boolean isInvalidResponse() {
        return TokenResponse.INVALID.equals(error);
    }

    public boolean isUnreachable() {
        return status == 0;
    }
}
