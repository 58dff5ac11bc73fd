package org.dvcsconnector.refapp.simulator.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's single Jetty handler: picks API, OAuth or control by path prefix and turns every failure
 * into Bitbucket's error document (never a stack trace).
 */
public final class RootHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RootHandler.class);

    private final String baseUrl;
    private final Area api;
    private final Area oauth;
    private final Area control;

    public RootHandler(String baseUrl, Area api, Area oauth, Area control) {
        this.baseUrl = baseUrl;
        this.api = api;
        this.oauth = oauth;
        this.control = control;
    }

    /** The avatar links the API hands out (users, repositories, workspaces) lead to a plain coloured square. */
    private static void avatar(Exchange ex, String path) {
        String colour = String.format("#%06x", path.hashCode() & 0x7f7f7f);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"32\"><rect width=\"32\" height=\"32\""
                + " rx=\"6\" fill=\"" + colour + "\"/></svg>";
        ex.header("Cache-Control", "max-age=86400");
        ex.send(200, "image/svg+xml", svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback, baseUrl);
        try {
            String path = ex.path();
            if (path.startsWith("/2.0/")) {
                api.handle(ex);
            } else if (path.startsWith("/site/oauth2/")) {
                oauth.handle(ex);
            } else if (path.startsWith("/_sim/")) {
                control.handle(ex);
            } else if (ex.method().equals("GET") && (path.endsWith("/avatar/") || path.startsWith("/ravatar/"))) {
                avatar(ex, path);
            } else if (path.equals("/")) {
                ex.send(200, "text/plain; charset=utf-8", "Bitbucket Cloud simulator: API at /2.0/, control at /_sim/\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                throw HttpError.notFound("Resource not found");
            }
        } catch (HttpError e) {
            ex.error(e);
        } catch (Exception e) {
            LOG.error("Simulator failure on {} {}", request.getMethod(), ex.path(), e);
            ex.error(new HttpError(500, "Something went wrong"));
        }
        if (!ex.isSent()) {
            ex.error(new HttpError(500, "No response"));
        }
        return true;
    }

    /** One part of the simulator. */
    @FunctionalInterface
    public interface Area {
        void handle(Exchange ex) throws Exception;
    }
}
