package org.dvcsconnector.spi;

import java.time.Duration;

/** A lock held by one thread of one node of the cluster at a time. */
public interface ClusterLock {

    boolean tryLock();

    boolean tryLock(Duration wait) throws InterruptedException;

    void unlock();

    boolean isHeldByCurrentThread();
}
