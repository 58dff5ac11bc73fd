package org.dvcsconnector.spi;

/**
 * Registered by a plugin to hear when the host has enabled all of its modules (and so its tables exist)
 * and when it is about to disable them (SAL {@code LifecycleAware}).
 */
public interface LifecycleAware {

    void onStart();

    void onStop();
}
