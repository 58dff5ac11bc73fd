package org.dvcsconnector;

import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.spi.LifecycleAware;
import org.dvcsconnector.spi.ModuleFactory;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Builds the plugin's object graph from the host's spi services and hands the host a {@link ModuleFactory}
 * for module classes and a {@link LifecycleAware} for start and stop.
 */
public final class PluginActivator implements BundleActivator {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<ServiceReference<?>> used = new ArrayList<>();

    @Override
    public void start(BundleContext context) {
        PluginComponents components = new PluginComponents(new HostServices() {
            @Override
            public <T> T get(Class<T> type) {
                ServiceReference<T> reference = context.getServiceReference(type);
                if (reference == null) {
                    throw new IllegalStateException("The host provides no " + type.getName());
                }
                used.add(reference);
                return context.getService(reference);
            }
        }, context.getBundle().getSymbolicName());
        registrations.add(context.registerService(ModuleFactory.class, components, null));
        registrations.add(context.registerService(LifecycleAware.class, components, null));
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        used.forEach(context::ungetService);
        used.clear();
    }
}
