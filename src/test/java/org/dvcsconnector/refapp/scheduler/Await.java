package org.dvcsconnector.refapp.scheduler;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or the time is up (no Awaitility on the class path). */
final class Await {

    private Await() {}

    static void until(Duration atMost, Callable<Boolean> condition) throws Exception {
        until("condition", atMost, condition);
    }

    static void until(String what, Duration atMost, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not met within " + atMost);
            }
            Thread.sleep(20);
        }
    }
}
