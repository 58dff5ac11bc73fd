package org.dvcsconnector.spi;

/** Named cluster-wide locks (beehive {@code ClusterLockService}). */
public interface ClusterLockService {
    ClusterLock getLockForName(String name);
}
