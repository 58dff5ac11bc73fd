package org.dvcsconnector.spi;

import java.nio.file.Path;
import java.util.Optional;

/** Facts about the host application: SAL's {@code com.atlassian.sal.api.ApplicationProperties}, same names. */
public interface ApplicationProperties {

    /**
     * The public base URL, without a trailing slash, e.g. {@code http://localhost:2990}; Bitbucket calls back to it
     * (webhooks, OAuth), so a Jira adapter answers SAL's {@code getBaseUrl(UrlMode.CANONICAL)}.
     */
    String getBaseUrl();

    String getDisplayName();

    /** This node's home directory, as SAL's {@code getLocalHomeDirectory()}. */
    Optional<Path> getLocalHomeDirectory();

    /**
     * This node's id in a cluster; stable across restarts. Not SAL's: Jira has it from
     * {@code com.atlassian.jira.cluster.ClusterInfo.getNodeId()} (null when not clustered).
     */
    String getNodeId();
}
