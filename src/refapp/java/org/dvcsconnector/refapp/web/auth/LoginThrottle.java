package org.dvcsconnector.refapp.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing, per account (user name) and per client address, for the login form and HTTP Basic
 * alike. After {@link Limits#freeFailures} failures within {@link Limits#window} further attempts are refused, without
 * checking the password (no PBKDF2 is spent on them), until a delay has passed; the delay doubles with each further
 * failure up to {@link Limits#maxDelay}. A success resets the account's count (not the address's: an attacker with an
 * account of their own must not be able to reset the count of the address they guess from).
 *
 * <p>The per-account delay is capped much lower than the per-address one on purpose: anyone can fail logins for
 * someone else's user name, so a long per-account delay would let an attacker lock a real user out. The real user,
 * coming from another address, only ever waits the short per-account delay; the attacker's own address soon waits
 * minutes.
 *
 * <p>Memory stays bounded whatever user names or addresses an attacker sends: each table is a {@link LinkedHashMap}
 * in access order capped at {@link #MAX_ENTRIES} entries, the least recently used dropped first (Caffeine is not a
 * dependency of the host). Entries are not kept past use: an entry whose last failure is older than the window
 * counts from zero again.
 *
 * <p>Concurrent attempts are counted as they finish: a burst sent at once may run a few more checks than the limit
 * before the first failures are recorded.
 */
public final class LoginThrottle {

    static final int MAX_ENTRIES = 10_000;
    private static final int MAX_KEY = 256;

    /** How many failures are free within a window, and the delay after them: first, doubling, at most max. */
    public record Limits(int freeFailures, Duration window, Duration firstDelay, Duration maxDelay) {}

    /** Per account: 5 failures, then 5 s, 10 s, … at most 1 minute (short: see the class comment). */
    public static final Limits ACCOUNT = new Limits(5, Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(1));
    /** Per address: 20 failures (an office behind one NAT makes typos), then 5 s, 10 s, … at most 15 minutes. */
    public static final Limits ADDRESS = new Limits(20, Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(15));

    /** What a login attempt came to. */
    public sealed interface Result {
        record Success(String username) implements Result {}

        record Refused() implements Result {}

        /** Not checked: try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements Result {}
    }

    private static final class Failures {
        int count;
        Instant last;
    }

    private final CachingAuthenticator authenticator;
    private final Limits accountLimits;
    private final Limits addressLimits;
    private final Clock clock;
    private final Map<String, Failures> accounts = lru();
    private final Map<String, Failures> addresses = lru();

    public LoginThrottle(CachingAuthenticator authenticator, Limits accountLimits, Limits addressLimits, Clock clock) {
        this.authenticator = authenticator;
        this.accountLimits = accountLimits;
        this.addressLimits = addressLimits;
        this.clock = clock;
    }

    /** Checks {@code username} and {@code password} from {@code address}, unless either is throttled. */
    public Result attempt(String username, String password, String address) {
        // Credentials checked right moments ago need no PBKDF2: they pass even while an attacker throttles the account.
        Optional<String> cached = authenticator.cached(username, password);
        if (cached.isPresent()) {
            return new Result.Success(cached.get());
        }
        // Keys are short whatever is sent (Basic credentials have no length limit of their own); user names are at most
        // 100 characters, so longer ones only share a count with each other.
        String account = cap(username.toLowerCase(Locale.ROOT));
        String from = address == null ? "" : cap(address);
        Instant now = clock.instant();
        Duration wait = max(waitFor(accounts, account, accountLimits, now), waitFor(addresses, from, addressLimits, now));
        if (!wait.isZero()) {
            return new Result.Throttled(wait);
        }
        Optional<String> user = authenticator.authenticate(username, password);
        if (user.isPresent()) {
            synchronized (accounts) {
                accounts.remove(account);
            }
            return new Result.Success(user.get());
        }
        now = clock.instant();
        fail(accounts, account, accountLimits, now);
        fail(addresses, from, addressLimits, now);
        return new Result.Refused();
    }

    /** Forgets every cached login (after a password change, say). */
    public void clearCache() {
        authenticator.clear();
    }

    private static Duration waitFor(Map<String, Failures> table, String key, Limits limits, Instant now) {
        synchronized (table) {
            Failures failures = table.get(key);
            if (failures == null || failures.count < limits.freeFailures()) {
                return Duration.ZERO;
            }
            Duration left = Duration.between(now, failures.last.plus(delay(failures.count, limits)));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private static void fail(Map<String, Failures> table, String key, Limits limits, Instant now) {
        synchronized (table) {
            Failures failures = table.computeIfAbsent(key, k -> new Failures());
            if (failures.last != null && failures.last.plus(limits.window()).isBefore(now)) {
                failures.count = 0; // the last failure is older than the window: start over
            }
            failures.count++;
            failures.last = now;
        }
    }

    /** The delay after {@code count} failures: first at the limit, doubling with each one after, at most max. */
    static Duration delay(int count, Limits limits) {
        int doublings = Math.min(count - limits.freeFailures(), 30);
        Duration delay = limits.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
    }

    private static String cap(String key) {
        return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, Failures> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }

    /** Whole seconds to wait, rounded up, for {@code Retry-After} and the login form. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
