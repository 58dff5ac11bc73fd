package org.dvcsconnector.refapp.host;

import java.nio.file.Path;
import java.util.Optional;
import org.dvcsconnector.spi.ApplicationProperties;

/** The refapp's base URL, name, home and node id. */
public final class HostApplicationProperties implements ApplicationProperties {

    private final String baseUrl;
    private final Path home;
    private final String nodeId;

    public HostApplicationProperties(String baseUrl, Path home, String nodeId) {
        this.baseUrl = baseUrl;
        this.home = home;
        this.nodeId = nodeId;
    }

    @Override
    public String getBaseUrl() {
        return baseUrl;
    }

    @Override
    public String getDisplayName() {
        return "Refapp";
    }

    @Override
    public Optional<Path> getLocalHomeDirectory() {
        return Optional.of(home);
    }

    @Override
    public String getNodeId() {
        return nodeId;
    }
}
