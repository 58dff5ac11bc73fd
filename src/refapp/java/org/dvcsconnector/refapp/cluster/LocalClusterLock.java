package org.dvcsconnector.refapp.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.dvcsconnector.spi.ClusterLock;

/** A "cluster" lock for a single-node host (H2): a plain in-process reentrant lock. */
final class LocalClusterLock implements ClusterLock {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public boolean tryLock() {
        return lock.tryLock();
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return lock.tryLock(time, unit);
    }

    /** @throws IllegalMonitorStateException when the current thread does not hold the lock */
    @Override
    public void unlock() {
        lock.unlock();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
