package org.dvcsconnector.bitbucket;

import java.time.Instant;

/**
 * Bitbucket's rate limit, or the account's own {@link RequestBudget}, stops the work until {@link #resumeAt()}:
 * pause, and carry on then. A pause is no failure: nothing is lost, and the work resumes by itself.
 */
public final class RateLimitedException extends BitbucketException {

    private static final long serialVersionUID = 1L;

    /** Who stopped the work: Bitbucket (a 429) or the account's own budget (nothing was sent). */
    public enum Reason { RATE_LIMIT, BUDGET }

    private final Instant resumeAt;
    private final Reason reason;
    private final int perHour;

    public RateLimitedException(Instant resumeAt, String message) {
        this(resumeAt, message, Reason.RATE_LIMIT, 0);
    }

    private RateLimitedException(Instant resumeAt, String message, Reason reason, int perHour) {
        super(429, message);
        this.resumeAt = resumeAt;
        this.reason = reason;
        this.perHour = perHour;
    }

    /** The account spent its own budget (nothing was sent to Bitbucket). */
    public static RateLimitedException budgetSpent(Instant resumeAt, int perHour) {
        return new RateLimitedException(resumeAt, "this account's budget of " + perHour + " requests/hour is spent",
                Reason.BUDGET, perHour);
    }

    /** True when the account's own budget stopped the work, not a 429 from Bitbucket. */
    public boolean isOwnBudget() {
        return reason == Reason.BUDGET;
    }

    public Reason reason() {
        return reason;
    }

    /** The budget that was spent (requests an hour); 0 for Bitbucket's rate limit. */
    public int perHour() {
        return perHour;
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
