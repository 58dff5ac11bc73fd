package org.dvcsconnector.refapp.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvcsconnector.spi.ModuleFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;

/** An installed plugin: its bundle, its descriptor (when readable), and its state. */
public final class Plugin {

    private final Bundle bundle;
    private final String key;
    private PluginDescriptor descriptor;
    private volatile PluginState state = PluginState.DISABLED;
    private volatile String reason;
    private final List<ModuleDescriptor> enabledModules = new ArrayList<>();

    Plugin(Bundle bundle, String key) {
        this.bundle = bundle;
        this.key = key;
    }

    public String key() {
        return key;
    }

    public Bundle bundle() {
        return bundle;
    }

    public Optional<PluginDescriptor> descriptor() {
        return Optional.ofNullable(descriptor);
    }

    void descriptor(PluginDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    public PluginState state() {
        return state;
    }

    /** Why the plugin is disabled, for administrators; null when enabled. */
    public String reason() {
        return reason;
    }

    void enabled() {
        state = PluginState.ENABLED;
        reason = null;
    }

    void disabled(String why) {
        state = PluginState.DISABLED;
        reason = why;
    }

    List<ModuleDescriptor> enabledModules() {
        return enabledModules;
    }

    public boolean isModuleEnabled(ModuleDescriptor module) {
        synchronized (enabledModules) {
            return enabledModules.contains(module);
        }
    }

    public ClassLoader classLoader() {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            throw new IllegalStateException("Plugin " + key + " is not resolved");
        }
        return wiring.getClassLoader();
    }

    public Class<?> loadClass(String className) throws ClassNotFoundException {
        return bundle.loadClass(className);
    }

    /**
     * An instance of a module class: from the plugin's {@link ModuleFactory} when it provides one, else
     * through a public no-argument constructor.
     */
    public <T> T instantiate(Class<T> type) throws ReflectiveOperationException {
        BundleContext context = bundle.getBundleContext();
        if (context != null) {
            for (ServiceReference<ModuleFactory> reference : moduleFactories(context)) {
                if (reference.getBundle().equals(bundle)) {
                    ModuleFactory factory = context.getService(reference);
                    try {
                        T module = factory.createModule(type);
                        if (module != null) {
                            return module;
                        }
                    } finally {
                        context.ungetService(reference);
                    }
                }
            }
        }
        return type.getConstructor().newInstance();
    }

    private static java.util.Collection<ServiceReference<ModuleFactory>> moduleFactories(BundleContext context) {
        try {
            return context.getServiceReferences(ModuleFactory.class, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("A null filter is always valid", e);
        }
    }

    /** Loads {@code className} from the plugin and checks it is a {@code required}. */
    public <T> Class<? extends T> loadClass(String className, Class<T> required) throws ClassNotFoundException {
        Class<?> loaded = loadClass(className);
        if (!required.isAssignableFrom(loaded)) {
            throw new ClassCastException(className + " is not a " + required.getName());
        }
        return loaded.asSubclass(required);
    }
}
