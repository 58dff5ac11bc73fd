package org.dvcsconnector.spi;

/**
 * Registered by a plugin's activator so the host gets module instances (servlets, REST resources, web panels) with
 * their dependencies already wired. Without one, the host uses a public no-argument constructor.
 *
 * <p>The plugin system's {@code com.atlassian.plugin.module.ModuleFactory} is the host's, not a plugin's: it creates
 * the module of a {@code ModuleDescriptor} by class name ({@code createModule(String name, ModuleDescriptor<T>)}),
 * and on Jira the plugin's Spring context (atlassian-spring-scanner) builds module classes by constructor injection.
 * So a Jira port has no counterpart to implement; it exposes the object graph to that context instead.
 */
public interface ModuleFactory {

    /** An instance of {@code moduleClass}, or {@code null} to let the host construct it. */
    <T> T createModule(Class<T> moduleClass);
}
