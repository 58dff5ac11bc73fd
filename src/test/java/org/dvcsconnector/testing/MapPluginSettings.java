package org.dvcsconnector.testing;

import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.spi.PluginSettings;

/** Plugin settings kept in a map the test can read and change. */
public record MapPluginSettings(Map<String, String> values) implements PluginSettings {

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }
}
