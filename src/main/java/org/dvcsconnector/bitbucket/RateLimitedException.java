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

    /** From a 429 answer: resume after its {@code Retry-After}, or in a minute when it gives none. */
    public static RateLimitedException from(String retryAfterHeader, String message) {
        Instant now = Instant.now();
        java.time.Duration wait = RetryInterceptor.retryAfter(retryAfterHeader, now);
        return new RateLimitedException(now.plus(wait == null ? java.time.Duration.ofMinutes(1) : wait), message);
    }

    public Instant resumeAt() {
        return resumeAt;
    }
}
