package org.dvcsconnector.bitbucket;

import java.time.Instant;

/**
 * Bitbucket's rate limit, or the account's own {@link RequestBudget}, stops the work until {@link #resumeAt()}:
 * pause, and carry on then.
 */
public final class RateLimitedException extends BitbucketException {

    private static final long serialVersionUID = 1L;

    private final Instant resumeAt;
    private final boolean ownBudget;

    public RateLimitedException(Instant resumeAt, String message) {
        this(resumeAt, message, false);
    }

    private RateLimitedException(Instant resumeAt, String message, boolean ownBudget) {
        super(429, message);
        this.resumeAt = resumeAt;
        this.ownBudget = ownBudget;
    }

    /** The account spent its own budget (nothing was sent to Bitbucket). */
    public static RateLimitedException budgetSpent(Instant resumeAt, int perHour) {
        return new RateLimitedException(resumeAt, "this account used its budget of " + perHour
                + " Bitbucket requests an hour", true);
    }

    /** True when the account's own budget stopped the work, not a 429 from Bitbucket. */
    public boolean isOwnBudget() {
        return ownBudget;
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
