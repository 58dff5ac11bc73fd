package org.dvcsconnector.refapp.web.rest;

import org.dvcsconnector.refapp.plugin.ContextClassLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.dvcsconnector.refapp.web.ModuleServletConfig;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * REST applications under {@code /rest}: the host's own and each plugin's {@code <rest path version>}
 * module, whose resources and providers are the {@code @Path} and {@code @Provider} classes of its
 * {@code <package>}s, built by the plugin's module factory.
 */
public final class RestRegistry implements ModuleHandler {

    /** A REST application mounted at {@code /rest<base>}; {@code loader} is the context loader for its calls. */
    public record Mount(String base, ServletContainer container, ClassLoader loader, Plugin plugin) {}

    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private final ServletContext servletContext;

    public RestRegistry(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public String type() {
        return "rest";
    }

    @Override
    public int order() {
        return 60;
    }

    /** Mounts one of the host's own applications, e.g. {@code /api/2}. */
    public void mountHost(String base, ResourceConfig config) throws ServletException {
        mounts.add(new Mount(base, start(base, config), RestRegistry.class.getClassLoader(), null));
    }

    @Override
    public void enable(Plugin plugin, ModuleDescriptor module) throws Exception {
        String base = module.attribute("path") + "/" + module.attribute("version");
        if (!base.matches("/[a-z0-9-]+(/[a-z0-9-]+)*/[0-9][0-9.a-z-]*")) {
            throw new IllegalArgumentException("REST module path '" + module.attribute("path") + "' and version '"
                    + module.attribute("version") + "' do not form a valid base such as /dvcs/1.0");
        }
        ResourceConfig config = JsonSupport.resourceConfig();
        for (String pkg : module.childTexts("package")) {
            for (Class<?> type : annotatedClasses(plugin, pkg)) {
                config.registerInstances(plugin.instantiate(type));
            }
        }
        mounts.add(new Mount(base, start(base, config), plugin.classLoader(), plugin));
    }

    @Override
    public void disable(Plugin plugin, ModuleDescriptor module) {
        String base = module.attribute("path") + "/" + module.attribute("version");
        mounts.stream().filter(m -> m.plugin() == plugin && m.base().equals(base))
                .forEach(m -> m.container().destroy());
        mounts.removeIf(m -> m.plugin() == plugin && m.base().equals(base));
    }

    /** The application whose base is the longest prefix of {@code path} (the part after {@code /rest}). */
    public Optional<Mount> find(String path) {
        return mounts.stream()
                .filter(m -> path.equals(m.base()) || path.startsWith(m.base() + "/"))
                .max(Comparator.comparingInt(m -> m.base().length()));
    }

    private ServletContainer start(String base, ResourceConfig config) throws ServletException {
        // Jersey is host code: it must find its own services through the host's class loader.
        return ContextClassLoader.with(RestRegistry.class.getClassLoader(), () -> {
            ServletContainer container = new ServletContainer(config);
            container.init(new ModuleServletConfig("rest" + base, servletContext));
            return container;
        });
    }

    /** The top-level {@code @Path} and {@code @Provider} classes of a package of the plugin (and below). */
    private static List<Class<?>> annotatedClasses(Plugin plugin, String pkg) throws ClassNotFoundException {
        List<Class<?>> result = new ArrayList<>();
        Enumeration<URL> entries = plugin.bundle().findEntries("/" + pkg.replace('.', '/'), "*.class", true);
        if (entries == null) {
            throw new ClassNotFoundException("The plugin has no classes in REST package " + pkg);
        }
        for (URL entry : Collections.list(entries)) {
            String path = entry.getPath();
            if (path.contains("$")) {
                continue;
            }
            String className = path.substring(1, path.length() - ".class".length()).replace('/', '.');
            Class<?> type = plugin.loadClass(className);
            if (type.isAnnotationPresent(Path.class) || type.isAnnotationPresent(Provider.class)) {
                result.add(type);
            }
        }
        result.sort(Comparator.comparing(Class::getName));
        return result;
    }
}
