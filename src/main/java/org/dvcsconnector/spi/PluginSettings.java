package org.dvcsconnector.spi;

import java.util.Optional;

/** Small key/value settings, scoped to the calling plugin and shared by every node (SAL). */
public interface PluginSettings {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);
}
