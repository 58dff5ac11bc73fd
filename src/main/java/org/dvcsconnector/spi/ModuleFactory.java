package org.dvcsconnector.spi;

/**
 * Registered by a plugin's activator so the host gets module instances (servlets, REST resources, web
 * panels) with their dependencies already wired. Without one, the host uses a public no-argument
 * constructor.
 */
public interface ModuleFactory {

    /** An instance of {@code moduleClass}, or {@code null} to let the host construct it. */
    <T> T createModule(Class<T> moduleClass);
}
