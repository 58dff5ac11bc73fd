package org.dvcsconnector.spi;

import java.util.Optional;

/**
 * Small key/value settings, scoped to the calling plugin and shared by every node: SAL's
 * {@code com.atlassian.sal.api.pluginsettings.PluginSettings}, same methods, already scoped (the host gives each
 * plugin its own, where SAL has a {@code PluginSettingsFactory}).
 *
 * <p>Difference: values are strings only and "absent" is an empty {@link Optional}; SAL's also take lists, maps and
 * {@code Properties} and return {@code Object} or {@code null}. A Jira adapter wraps
 * {@code PluginSettingsFactory.createGlobalSettings()} with the plugin key as a key prefix (SAL allows keys of up to
 * 100 characters).
 */
public interface PluginSettings {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);
}
