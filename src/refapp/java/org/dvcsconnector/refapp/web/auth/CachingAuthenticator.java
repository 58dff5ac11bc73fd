package org.dvcsconnector.refapp.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful HTTP Basic logins for a short while. Password hashing is deliberately slow
 * (PBKDF2, ~0.1 s); a script sending Basic credentials on every call would otherwise pay it per request.
 * Only a SHA-256 of the credentials is kept, never the password, and failures are never cached.
 * Requests with the same credentials that arrive while they are being checked wait for that one check: when an
 * entry expires under load, dozens of requests would otherwise each spend 0.1 s of CPU on the same hash at once.
 */
public final class CachingAuthenticator implements Authenticator {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(String username, Instant expires) {}

    private final Authenticator delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<String>>> checking = new ConcurrentHashMap<>();

    public CachingAuthenticator(Authenticator delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Optional<String> authenticate(String username, String password) {
        String fingerprint = fingerprint(username, password);
        Instant now = clock.instant();
        Entry cached = cache.get(fingerprint);
        if (cached != null && cached.expires().isAfter(now)) {
            return Optional.of(cached.username());
        }
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> running = checking.putIfAbsent(fingerprint, mine);
        if (running != null) {
            return running.join(); // the same credentials, so the same answer
        }
        try {
            Optional<String> result = delegate.authenticate(username, password);
            if (result.isPresent()) {
                if (cache.size() >= MAX_ENTRIES) {
                    cache.clear();
                }
                cache.put(fingerprint, new Entry(result.get(), now.plus(ttl)));
            } else {
                cache.remove(fingerprint);
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(fingerprint, mine);
        }
    }

    /** The canonical username when these credentials were checked successfully within the time to live; no hashing. */
    public Optional<String> cached(String username, String password) {
        Entry cached = cache.get(fingerprint(username, password));
        return cached != null && cached.expires().isAfter(clock.instant()) ? Optional.of(cached.username()) : Optional.empty();
    }

    /** Forgets everything, e.g. after a password change. */
    public void clear() {
        cache.clear();
    }

    private static String fingerprint(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
