package org.dvcsconnector.refapp.web;

import static org.assertj.core.api.Assertions.assertThat;
import org.dvcsconnector.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvcsconnector.refapp.web.auth.CachingAuthenticator;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Threads;
import org.junit.jupiter.api.Test;

class CachingAuthenticatorTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));

    private CachingAuthenticator authenticator() {
        return new CachingAuthenticator((user, password) -> {
            calls.incrementAndGet();
            return "right".equals(password) ? Optional.of(user.toLowerCase()) : Optional.empty();
        }, Duration.ofMinutes(2), clock);
    }

    @Test
    void successesAreRememberedUntilTheyExpire() {
        CachingAuthenticator auth = authenticator();
        assertThat(auth.authenticate("Alice", "right")).contains("alice");
        assertThat(auth.authenticate("Alice", "right")).contains("alice");
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(auth.authenticate("Alice", "right")).contains("alice");
        assertThat(calls).hasValue(2);
    }

    @Test
    void failuresAreNeverCachedAndAnotherPasswordIsCheckedAgain() {
        CachingAuthenticator auth = authenticator();
        assertThat(auth.authenticate("alice", "right")).isPresent();
        assertThat(auth.authenticate("alice", "wrong")).isEmpty();
        assertThat(auth.authenticate("alice", "wrong")).isEmpty();
        assertThat(calls).hasValue(3);
    }

    @Test
    void usernameAndPasswordCannotBeShiftedIntoEachOther() {
        CachingAuthenticator auth = authenticator();
        assertThat(auth.authenticate("ali", "ceright")).isEmpty();
        assertThat(auth.authenticate("alice", "right")).isPresent();
        assertThat(calls).hasValue(2);
    }

    @Test
    void requestsArrivingWhileTheSameCredentialsAreCheckedShareThatOneCheck() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        CachingAuthenticator auth = new CachingAuthenticator((user, password) -> {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(); // a slow hash
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(user);
        }, Duration.ofMinutes(2), clock);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var first = pool.submit(() -> auth.authenticate("alice", "right"));
            entered.await();
            var others = new java.util.ArrayList<java.util.concurrent.Future<Optional<String>>>();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 15; i++) {
                others.add(pool.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return auth.authenticate("alice", "right");
                }));
            }
            Dvcs.await("15 requests started", () -> waiting.size() == 15 ? Optional.of(true) : Optional.empty());
            // Each waits for the check in progress (in CachingAuthenticator), not for a check of its own.
            Threads.awaitWaitingIn(waiting, CachingAuthenticator.class);
            release.countDown();
            assertThat(first.get()).contains("alice");
            for (var other : others) {
                assertThat(other.get()).contains("alice");
            }
            assertThat(calls).as("one hash for sixteen requests").hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
