package org.dvcsconnector.spi;

/**
 * Named cluster-wide locks: beehive's {@code com.atlassian.beehive.ClusterLockService}, same method. The same name
 * gives the same lock on every node; a Jira adapter delegates and wraps each {@code com.atlassian.beehive.ClusterLock}.
 */
public interface ClusterLockService {
    ClusterLock getLockForName(String name);
}
