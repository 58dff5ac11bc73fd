package org.dvcsconnector.refapp.simulator.oauth;

/** An RFC 6749 §5.2 error, answered as {@code {"error": code, "error_description": description}}. */
public final class OAuthError extends RuntimeException {

    private final int status;
    private final String code;

    public OAuthError(int status, String code, String description) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
