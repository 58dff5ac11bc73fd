package org.dvcsconnector.trigger;

import org.dvcsconnector.spi.PluginSettings;

/**
 * The setting "fire only when the actor is a user here" for every rule (a rule can also ask for it alone). Off by
 * default: then, as in Jira, a rule whose actor is no user here and that has no service user fires as the connector.
 */
public final class StrictMode {

    static final String SETTING = "triggers.strict";

    private final PluginSettings settings;

    public StrictMode(PluginSettings settings) {
        this.settings = settings;
    }

    public boolean isOn() {
        return settings.get(SETTING).map(Boolean::parseBoolean).orElse(false);
    }

    public void set(boolean on) {
        if (on) {
            settings.put(SETTING, "true");
        } else {
            settings.remove(SETTING);
        }
    }
}
