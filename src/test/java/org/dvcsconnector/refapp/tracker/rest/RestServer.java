package org.dvcsconnector.refapp.tracker.rest;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.tracker.Tracker;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The tracker's REST mounted as the host mounts it, on a random port, with a header standing in for login. */
final class RestServer implements AutoCloseable {

    static final String USER_HEADER = "X-Test-User";

    private final Server server;
    private final URI base;

    RestServer(Tracker tracker) throws Exception {
        ResourceConfig config = new ResourceConfig()
                .registerInstances(tracker.restComponents().toArray())
                .register(JacksonFeature.class);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new TestUserFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/rest/api/2/*");
        server = new Server(0);
        server.setHandler(context);
        server.start();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        base = URI.create("http://localhost:" + port + "/rest/api/2/");
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Plays the host's authentication filter: the request runs as the user the header names. */
    private static final class TestUserFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String user = ((HttpServletRequest) request).getHeader(USER_HEADER);
            try {
                RequestUser.runAs(user, () -> {
                    chain.doFilter(request, response);
                    return null;
                });
            } catch (IOException | ServletException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletException(e);
            }
        }
    }
}
