package org.dvcsconnector.bitbucket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries what Bitbucket asks to be retried: 429 (after its {@code Retry-After}, when that is short), 5xx
 * and network failures, with capped exponential back-off and full jitter. Only reads are retried, and
 * requests tagged {@link Retryable}; a token request is never replayed (a refresh token is single-use).
 * A 429 whose wait is too long to sit out is handed back: the caller pauses the work and resumes later.
 */
public final class RetryInterceptor implements Interceptor {

    /** Tag for a non-GET request that only reads (the POST form of the commit listing). */
    public enum Retryable { YES }

    /** Sleeps; tests replace it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final int MAX_ATTEMPTS = 6;
    static final Duration MAX_IN_PLACE_WAIT = Duration.ofSeconds(30);
    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(15);
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final Sleeper sleeper;
    private final Clock clock;

    public RetryInterceptor(Sleeper sleeper, Clock clock) {
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean retryable = READS.contains(request.method()) || request.tag(Retryable.class) != null;
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                // Neither a spent budget nor a token that could not be had is helped by trying again.
                if (!retryable || attempt >= MAX_ATTEMPTS || e instanceof BudgetInterceptor.Exhausted
                        || e instanceof BearerTokenAuthenticator.TokenUnavailable
                        || e instanceof InterruptedIOException && Thread.interrupted()) {
                    throw e;
                }
                pause(backoff(attempt));
                continue;
            }
            Duration wait = waitBeforeRetry(response, attempt);
            if (!retryable || wait == null || attempt >= MAX_ATTEMPTS) {
                return response;
            }
            response.close();
            pause(wait);
        }
    }

    /** How long to wait before retrying this response, or null when it must be handed back as it is. */
    private Duration waitBeforeRetry(Response response, int attempt) {
        int code = response.code();
        if (code == 429) {
            Duration retryAfter = retryAfter(response.header("Retry-After"), clock.instant());
            if (retryAfter == null) {
                return backoff(attempt);
            }
            return retryAfter.compareTo(MAX_IN_PLACE_WAIT) <= 0 ? retryAfter : null;
        }
        return code == 500 || code == 502 || code == 503 || code == 504 ? backoff(attempt) : null;
    }

    /** Full jitter: a random wait up to min(cap, base × 2^(attempt-1)). */
    static Duration backoff(int attempt) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private void pause(Duration duration) throws IOException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry");
        }
    }
}
