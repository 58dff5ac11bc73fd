package org.dvcsconnector.spi;

import java.nio.file.Path;

/** Facts about the host application (SAL {@code ApplicationProperties}). */
public interface ApplicationProperties {

    /** The public base URL, without a trailing slash, e.g. {@code http://localhost:2990}. */
    String getBaseUrl();

    String getDisplayName();

    /** This node's home directory. */
    Path getHomeDirectory();

    /** This node's id in a cluster; stable across restarts. */
    String getNodeId();
}
