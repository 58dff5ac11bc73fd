package org.dvcsconnector.refapp.osgi;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.felix.framework.Felix;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded Apache Felix framework that plugins run in. */
public final class FelixHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FelixHost.class);

    private final Framework framework;

    private FelixHost(Framework framework) {
        this.framework = framework;
    }

    /** Starts Felix with its bundle cache under {@code cacheDir}, cleaned on each start. */
    public static FelixHost start(Path cacheDir) {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cacheDir.toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.extra(FelixHost.class.getClassLoader()));
        // Plugins get nothing from the host class path but what is exported above.
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*,jdk.internal.reflect");
        config.put("felix.log.level", "1");
        Felix felix = new Felix(config);
        try {
            felix.start();
        } catch (BundleException e) {
            throw new IllegalStateException("Felix did not start", e);
        }
        LOG.info("OSGi framework started: Apache Felix {}", felix.getVersion());
        return new FelixHost(felix);
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(20_000);
        } catch (BundleException e) {
            LOG.warn("Felix did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
