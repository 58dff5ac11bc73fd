package org.dvcsconnector.refapp.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStoreFactory;
import org.eclipse.jetty.session.NullSessionCacheFactory;

/** Jetty 12 with one servlet context: the host's pages, REST, plugin servlets and downloads. */
public final class WebServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final ServletContextHandler context;
    private final SecurityHeadersFilter securityHeaders;

    private WebServer(Server server, ServerConnector connector, ServletContextHandler context,
            SecurityHeadersFilter securityHeaders) {
        this.server = server;
        this.connector = connector;
        this.context = context;
        this.securityHeaders = securityHeaders;
    }

    /**
     * Binds the port now (so the base URL is known before plugins start); serves after {@link #start()}.
     * With {@code sharedSessions}, sessions live in that database and no node caches them, so any node
     * of a cluster can serve any user without sticky sessions.
     */
    public static WebServer bind(int port, DataSource sharedSessions) throws IOException {
        Server server = new Server();
        if (sharedSessions != null) {
            DatabaseAdaptor adaptor = new DatabaseAdaptor();
            adaptor.setDatasource(sharedSessions);
            JDBCSessionDataStoreFactory store = new JDBCSessionDataStoreFactory();
            store.setDatabaseAdaptor(adaptor);
            server.addBean(store);
            server.addBean(new NullSessionCacheFactory());
        }
        server.setStopTimeout(5_000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // no version for attackers to match against advisories
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        server.addConnector(connector);
        connector.open();

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        SessionHandler sessions = context.getSessionHandler();
        sessions.setHttpOnly(true);
        // Lax: the session cookie never rides along on another site's POST.
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.setMaxInactiveInterval(4 * 3600);
        sessions.setSessionCookie("JSESSIONID");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/error");
        context.setErrorHandler(errors);
        // First, on error pages too: refused requests never reach the others, and every response has the headers.
        SecurityHeadersFilter securityHeaders = new SecurityHeadersFilter();
        context.addFilter(new FilterHolder(securityHeaders), "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
        context.addFilter(new FilterHolder(new RefusedRequestsFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        return new WebServer(server, connector, context, securityHeaders);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Pages may show images from and send forms to the Bitbucket at this site URL. */
    public void trustBitbucket(String siteUrl) {
        securityHeaders.trustBitbucket(siteUrl);
    }

    public ServletContext servletContext() {
        return context.getServletContext();
    }

    public void servlet(String pathSpec, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
    }

    /** A filter on requests and on error pages (so error pages know the user too). */
    public void filter(String pathSpec, Filter filter) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR));
    }

    /** A filter on requests only. */
    public void requestFilter(String pathSpec, Filter filter) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    public void start() throws Exception {
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
