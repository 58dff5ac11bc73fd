package org.dvcsconnector.spi;

/**
 * Registered by a plugin to hear when the host has enabled all of its modules (and so its tables exist) and when it
 * is about to disable them: SAL's {@code com.atlassian.sal.api.lifecycle.LifecycleAware}, same methods and meaning.
 * As in SAL, the plugin exports it as an OSGi service; on Jira the plugin implements SAL's interface itself.
 */
public interface LifecycleAware {

    void onStart();

    void onStop();
}
