package org.dvcsconnector.spi;

import java.util.concurrent.TimeUnit;

/**
 * A lock held by one thread of one node of the cluster at a time: beehive's
 * {@code com.atlassian.beehive.ClusterLock}, with the same method names and meaning.
 *
 * <p>Difference: only the part of {@code java.util.concurrent.locks.Lock} (which beehive's lock extends) that the
 * plugin uses. There is no blocking {@code lock()} or {@code lockInterruptibly()}, so no caller waits without a
 * bound, and no {@code newCondition()} (beehive refuses it too).
 */
public interface ClusterLock {

    /** Takes the lock if it is free (or already held by this thread: it is reentrant); never waits. */
    boolean tryLock();

    /** Takes the lock, waiting up to {@code time} for it; false when the wait ran out. */
    boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

    /** @throws IllegalMonitorStateException when the current thread does not hold the lock */
    void unlock();

    boolean isHeldByCurrentThread();
}
