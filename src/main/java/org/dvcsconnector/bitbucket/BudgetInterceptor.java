package org.dvcsconnector.bitbucket;

import java.io.IOException;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Charges every request sent (retries included: Bitbucket counts them too) to the account's
 * {@link RequestBudget}; when it is spent, the call fails with {@link Exhausted} before reaching Bitbucket.
 * Sits inside {@link RetryInterceptor}, which never retries that failure. The request sent again after a token
 * renewal goes below the interceptors: {@link BearerTokenAuthenticator} charges it.
 */
public final class BudgetInterceptor implements Interceptor {

    /** The budget is spent until {@link #resumeAt}. An IOException because that is what an interceptor may throw. */
    public static final class Exhausted extends IOException {

        private static final long serialVersionUID = 1L;

        private final Instant resumeAt;
        private final int perHour;

        Exhausted(Instant resumeAt, int perHour) {
            super("The account's request budget of " + perHour + " an hour is spent until " + resumeAt);
            this.resumeAt = resumeAt;
            this.perHour = perHour;
        }

        public Instant resumeAt() {
            return resumeAt;
        }

        public int perHour() {
            return perHour;
        }
    }

    private final RequestBudget budget;

    public BudgetInterceptor(RequestBudget budget) {
        this.budget = budget;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        charge(budget);
        return chain.proceed(chain.request());
    }

    /** Takes one request from {@code budget}, or fails with {@link Exhausted} when it is spent. */
    static void charge(RequestBudget budget) throws Exhausted {
        Instant refill = budget.take().orElse(null);
        if (refill != null) {
            throw new Exhausted(refill, budget.perHour());
        }
    }
}
