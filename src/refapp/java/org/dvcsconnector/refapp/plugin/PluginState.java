package org.dvcsconnector.refapp.plugin;

/** Whether a plugin's modules are in use. */
public enum PluginState {
    ENABLED,
    DISABLED
}
