package org.dvcsconnector.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether other threads have got as far as waiting in a given class: the observable point after which a test may
 * check what they did not do (take a lock, call a check again) without sleeping and hoping they got there.
 */
public final class Threads {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Threads() {}

    /**
     * True when the thread is parked or sleeping and the innermost frame of its stack outside the
     * JDK belongs to {@code type}: it is waiting in that class's own code, not in a library it calls.
     */
    public static boolean waitingIn(Thread thread, Class<?> type) {
        Thread.State state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            String name = frame.getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return name.equals(type.getName()) || name.startsWith(type.getName() + "$");
            }
        }
        return false;
    }

    /** Waits until every one of {@code threads} is {@linkplain #waitingIn waiting in} {@code type}. */
    public static void awaitWaitingIn(Collection<Thread> threads, Class<?> type) {
        Dvcs.await(threads.size() + " threads waiting in " + type.getSimpleName(), WAIT,
                () -> threads.stream().allMatch(t -> waitingIn(t, type)) ? Optional.of(true) : Optional.empty());
    }

    public static void awaitWaitingIn(Thread thread, Class<?> type) {
        awaitWaitingIn(List.of(thread), type);
    }
}
