package org.dvcsconnector.bitbucket;

import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one HTTP client the plugin talks to Bitbucket with: shared connection pool, bounded timeouts. */
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
}
