package org.dvcsconnector.refapp.plugin;

/** Enables and disables the modules of one type ({@code servlet}, {@code rest}, …). */
public interface ModuleHandler {

    /** The element name this handler reads in {@code atlassian-plugin.xml}. */
    String type();

    /**
     * Lower runs first when a plugin is enabled (tables and messages before the servlets that use them);
     * disabling runs in reverse.
     */
    default int order() {
        return 100;
    }

    void enable(Plugin plugin, ModuleDescriptor module) throws Exception;

    void disable(Plugin plugin, ModuleDescriptor module);
}
