package org.dvcsconnector.refapp.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dvcsconnector.spi.LifecycleAware;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs plugin bundles into Felix, reads their descriptors and enables their modules. A plugin that
 * fails anywhere (unresolvable bundle, broken descriptor, failing module) is left DISABLED with the
 * reason; the host keeps running.
 */
public final class PluginManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);

    private final BundleContext context;
    private final Map<String, ModuleHandler> handlers;
    private final List<Plugin> plugins = new CopyOnWriteArrayList<>();

    public PluginManager(BundleContext context, List<ModuleHandler> handlers) {
        this.context = context;
        this.handlers = handlers.stream().collect(Collectors.toMap(ModuleHandler::type, Function.identity()));
    }

    /** Installs and enables each jar; failures are recorded on the plugin, never thrown. */
    public void installAll(List<Path> jars) {
        for (Path jar : jars) {
            install(jar).ifPresent(this::enable);
        }
    }

    /** The jars in {@code dir}, sorted by name, or none when it does not exist. */
    public static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list plugins in {}: {}", dir, e.toString());
            return List.of();
        }
    }

    private Optional<Plugin> install(Path jar) {
        Bundle bundle;
        try {
            bundle = context.installBundle(jar.toUri().toString());
        } catch (BundleException e) {
            LOG.error("Plugin jar {} is not a valid OSGi bundle: {}", jar, e.getMessage());
            Plugin broken = new Plugin(null, jar.getFileName().toString());
            broken.disabled("Not a valid OSGi bundle: " + e.getMessage());
            plugins.add(broken);
            return Optional.empty();
        }
        if (bundle.getSymbolicName() == null || !"2".equals(bundle.getHeaders().get("Bundle-ManifestVersion"))) {
            // Felix would accept a plain jar as an R3 bundle; a plugin must be a real OSGi bundle.
            uninstallQuietly(bundle);
            Plugin broken = new Plugin(null, jar.getFileName().toString());
            broken.disabled("Not an OSGi bundle: its manifest has no Bundle-SymbolicName and Bundle-ManifestVersion: 2");
            LOG.error("Plugin jar {} is DISABLED: {}", jar, broken.reason());
            plugins.add(broken);
            return Optional.empty();
        }
        Plugin plugin = new Plugin(bundle, bundle.getSymbolicName());
        plugins.add(plugin);
        return Optional.of(plugin);
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            LOG.debug("Could not uninstall {}", bundle.getLocation(), e);
        }
    }

    private void enable(Plugin plugin) {
        Bundle bundle = plugin.bundle();
        try {
            plugin.descriptor(readDescriptor(bundle));
        } catch (PluginDescriptor.InvalidDescriptorException e) {
            fail(plugin, e.getMessage(), null);
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            fail(plugin, "The bundle did not start: " + rootMessage(e), e);
            return;
        }
        List<ModuleDescriptor> modules = plugin.descriptor().orElseThrow().modules().stream()
                .filter(m -> handlers.containsKey(m.type()))
                .sorted(Comparator.comparingInt(m -> handlers.get(m.type()).order()))
                .toList();
        for (ModuleDescriptor module : modules) {
            try {
                handlers.get(module.type()).enable(plugin, module);
                synchronized (plugin.enabledModules()) {
                    plugin.enabledModules().add(module);
                }
            } catch (Exception | LinkageError e) {
                fail(plugin, "Module '" + module.key() + "' (" + module.type() + ") could not be enabled: " + rootMessage(e), e);
                return;
            }
        }
        plugin.enabled();
        LOG.info("Plugin {} {} enabled with {} modules", plugin.key(),
                plugin.descriptor().map(PluginDescriptor::version).orElse(""), modules.size());
        forEachLifecycle(plugin, LifecycleAware::onStart);
    }

    private static PluginDescriptor readDescriptor(Bundle bundle) throws PluginDescriptor.InvalidDescriptorException {
        URL entry = bundle.getEntry(PluginDescriptor.FILE_NAME);
        if (entry == null) {
            throw new PluginDescriptor.InvalidDescriptorException("The bundle has no " + PluginDescriptor.FILE_NAME + " at its root");
        }
        try (InputStream in = entry.openStream()) {
            PluginDescriptor descriptor = PluginDescriptor.parse(in);
            if (!descriptor.key().equals(bundle.getSymbolicName())) {
                throw new PluginDescriptor.InvalidDescriptorException("The plugin key '" + descriptor.key()
                        + "' differs from the bundle's symbolic name '" + bundle.getSymbolicName() + "'");
            }
            return descriptor;
        } catch (IOException e) {
            throw new PluginDescriptor.InvalidDescriptorException("Cannot read " + PluginDescriptor.FILE_NAME + ": " + e.getMessage());
        }
    }

    private void fail(Plugin plugin, String reason, Throwable cause) {
        LOG.error("Plugin {} is DISABLED: {}", plugin.key(), reason, cause);
        disableModules(plugin);
        try {
            if (plugin.bundle() != null && plugin.bundle().getState() == Bundle.ACTIVE) {
                plugin.bundle().stop();
            }
        } catch (BundleException e) {
            LOG.warn("Plugin {} did not stop cleanly: {}", plugin.key(), e.getMessage());
        }
        plugin.disabled(reason);
    }

    private void disableModules(Plugin plugin) {
        List<ModuleDescriptor> enabled;
        synchronized (plugin.enabledModules()) {
            enabled = new ArrayList<>(plugin.enabledModules());
            plugin.enabledModules().clear();
        }
        for (int i = enabled.size() - 1; i >= 0; i--) {
            ModuleDescriptor module = enabled.get(i);
            try {
                handlers.get(module.type()).disable(plugin, module);
            } catch (RuntimeException e) {
                LOG.warn("Module {} of {} did not disable cleanly", module.key(), plugin.key(), e);
            }
        }
    }

    private void forEachLifecycle(Plugin plugin, java.util.function.Consumer<LifecycleAware> action) {
        BundleContext pluginContext = plugin.bundle().getBundleContext();
        if (pluginContext == null) {
            return;
        }
        try {
            for (ServiceReference<LifecycleAware> reference : pluginContext.getServiceReferences(LifecycleAware.class, null)) {
                if (!reference.getBundle().equals(plugin.bundle())) {
                    continue;
                }
                LifecycleAware lifecycle = pluginContext.getService(reference);
                try {
                    action.accept(lifecycle);
                } catch (RuntimeException e) {
                    LOG.error("Plugin {} failed in its lifecycle callback", plugin.key(), e);
                } finally {
                    pluginContext.ungetService(reference);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Plugin> plugins() {
        return List.copyOf(plugins);
    }

    public Optional<Plugin> plugin(String key) {
        return plugins.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    @Override
    public void close() {
        for (Plugin plugin : plugins) {
            if (plugin.state() == PluginState.ENABLED) {
                forEachLifecycle(plugin, LifecycleAware::onStop);
                disableModules(plugin);
                plugin.disabled("The host is shutting down");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
