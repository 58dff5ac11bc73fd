package org.dvcsconnector.bitbucket;

import java.time.Instant;

/** Bitbucket's rate limit stops the work until {@link #resumeAt()}: pause, and carry on then. */
public final class RateLimitedException extends BitbucketException {

    private static final long serialVersionUID = 1L;

    private final Instant resumeAt;

    public RateLimitedException(Instant resumeAt, String message) {
        super(429, message);
        this.resumeAt = resumeAt;
    }

    public Instant resumeAt() {
        return resumeAt;
    }
}
