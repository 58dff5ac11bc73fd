package org.dvcsconnector.bitbucket;

/**
 * A Bitbucket call that failed: its HTTP status (0 when Bitbucket could not be reached) and a message
 * fit for an administrator, in Bitbucket's own words where it gave any.
 */
public class BitbucketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public BitbucketException(int status, String message) {
        super(message);
        this.status = status;
    }

    public BitbucketException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
