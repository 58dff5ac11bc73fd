package org.dvcsconnector.refapp.web.rest;

import org.dvcsconnector.refapp.plugin.ContextClassLoader;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code /rest/*}: hands each call to the REST application mounted for its path. */
public final class RestDispatcher extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient RestRegistry registry;

    public RestDispatcher(RestRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Optional<RestRegistry.Mount> mount = registry.find(path);
        if (mount.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            JsonSupport.MAPPER.writeValue(response.getOutputStream(),
                    Map.of("message", "No REST resource at /rest" + path));
            return;
        }
        String base = mount.get().base();
        String servletPath = request.getServletPath() + base;
        String pathInfo = path.substring(base.length());
        HttpServletRequest rebased = new HttpServletRequestWrapper(request) {
            @Override
            public String getServletPath() {
                return servletPath;
            }

            @Override
            public String getPathInfo() {
                return pathInfo.isEmpty() ? null : pathInfo;
            }
        };
        ContextClassLoader.withServlet(mount.get().loader(), () -> mount.get().container().service(rebased, response));
    }
}
