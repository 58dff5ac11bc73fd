package org.dvcsconnector.refapp.host;

import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;

/**
 * An spi service that is different for each plugin (its own tables, templates, settings): OSGi calls
 * this factory with the bundle that asks, and the host builds that plugin's instance.
 */
public final class PerPluginService<S> implements ServiceFactory<S> {

    private final Function<Bundle, S> factory;

    public PerPluginService(Function<Bundle, S> factory) {
        this.factory = factory;
    }

    @Override
    public S getService(Bundle bundle, ServiceRegistration<S> registration) {
        return factory.apply(bundle);
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<S> registration, S service) {
        // Instances are cached by the host per plugin key and outlive a bundle restart.
    }
}
