package org.dvcsconnector.refapp.web.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.refapp.plugin.ModuleDescriptor;
import org.dvcsconnector.refapp.plugin.ModuleHandler;
import org.dvcsconnector.refapp.plugin.Plugin;
import org.dvcsconnector.refapp.web.ModuleServletConfig;

/** {@code <servlet>}: plugin servlets mounted under {@code /plugins/servlet}. */
public final class ServletRegistry implements ModuleHandler {

    /** A mounted servlet: a pattern ({@code /a/b} exact, or {@code /a/*} prefix) and its plugin. */
    public record Mount(String pattern, HttpServlet servlet, Plugin plugin, String moduleKey) {

        boolean matches(String path) {
            if (pattern.endsWith("/*")) {
                String prefix = pattern.substring(0, pattern.length() - 2);
                return path.equals(prefix) || path.startsWith(prefix + "/");
            }
            return path.equals(pattern);
        }
    }

    private final List<Mount> mounts = new CopyOnWriteArrayList<>();
    private final ServletContext servletContext;

    public ServletRegistry(ServletContext servletContext) {
        this.servletContext = servletContext;
    }

    @Override
    public String type() {
        return "servlet";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void enable(Plugin plugin, ModuleDescriptor module) throws Exception {
        HttpServlet servlet = plugin.instantiate(plugin.loadClass(module.attribute("class"), HttpServlet.class));
        servlet.init(new ModuleServletConfig(plugin.key() + ":" + module.key(), servletContext));
        List<String> patterns = module.childTexts("url-pattern");
        if (patterns.isEmpty()) {
            throw new ServletException("Servlet module " + module.key() + " has no <url-pattern>");
        }
        for (String pattern : patterns) {
            mounts.add(new Mount(pattern, servlet, plugin, module.key()));
        }
    }

    @Override
    public void disable(Plugin plugin, ModuleDescriptor module) {
        mounts.stream()
                .filter(m -> m.plugin() == plugin && m.moduleKey().equals(module.key()))
                .map(Mount::servlet).distinct().forEach(HttpServlet::destroy);
        mounts.removeIf(m -> m.plugin() == plugin && m.moduleKey().equals(module.key()));
    }

    /** The most specific mount for {@code path} (the part after {@code /plugins/servlet}). */
    public Optional<Mount> find(String path) {
        return mounts.stream().filter(m -> m.matches(path))
                .max(Comparator.comparingInt(m -> m.pattern().length()));
    }
}
