package org.dvcsconnector.refapp.web.servlet;

import org.dvcsconnector.refapp.plugin.ContextClassLoader;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /plugins/servlet/*}: hands each request to the plugin servlet mounted for its path. */
public final class PluginServletDispatcher extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ServletRegistry registry;

    public PluginServletDispatcher(ServletRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Optional<ServletRegistry.Mount> mount = registry.find(path);
        if (mount.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Plugin code runs with its own class loader as the context loader, as in Atlassian's host.
        ContextClassLoader.withServlet(mount.get().plugin().classLoader(),
                () -> mount.get().servlet().service(request, response));
    }
}
