package org.dvcsconnector.bitbucket;

import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client the plugin talks to Bitbucket with (shared connection pool, bounded timeouts), and the
 * per-account clients derived from it for API calls. The OAuth token endpoint is called with the plain client:
 * it takes the consumer's key and secret, never a bearer token.
 */
public final class BitbucketHttp {

    public static final String USER_AGENT = "DVCS-Connector/0.1";

    private BitbucketHttp() {}

    public static OkHttpClient newClient() {
        return newClient(duration -> Thread.sleep(duration.toMillis()));
    }

    /** A client whose retry back-off sleeps with {@code sleeper} (tests pass one that does not wait). */
    public static OkHttpClient newClient(RetryInterceptor.Sleeper sleeper) {
        return new OkHttpClient.Builder()
                .addInterceptor(new RetryInterceptor(sleeper, Clock.systemUTC()))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .retryOnConnectionFailure(true)
                .build();
    }

    /** {@link #forAccount(OkHttpClient, AccessTokenSource, RequestBudget)} without a budget. */
    public static OkHttpClient forAccount(OkHttpClient base, AccessTokenSource tokens) {
        return forAccount(base, tokens, RequestBudget.UNLIMITED);
    }

    /**
     * A client for one account's API calls, sharing {@code base}'s pool and settings: its bearer token on every
     * request, one renewal and resend after a 401, every request sent charged to {@code budget}.
     */
    public static OkHttpClient forAccount(OkHttpClient base, AccessTokenSource tokens, RequestBudget budget) {
        if (base.authenticator() instanceof BearerTokenAuthenticator) {
            throw new IllegalArgumentException("This client already carries an account's token");
        }
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens, budget);
        OkHttpClient.Builder builder = base.newBuilder();
        // Before the retries (base's first interceptor): one token a call, and a token source's failure is
        // neither retried nor charged to the budget.
        builder.interceptors().add(0, bearer.tokenPerCall());
        return builder.addInterceptor(new BudgetInterceptor(budget))
                .addInterceptor(bearer.authorization())
                .authenticator(bearer)
                .build();
    }
}
