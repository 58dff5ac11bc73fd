package org.dvcsconnector.refapp.web.resource;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** Serves plugin web resources: {@code /download/resources/<pluginKey>:<moduleKey>/<name>}. */
public final class DownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript;charset=UTF-8",
            "mjs", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final transient WebResourceRegistry registry;

    public DownloadServlet(WebResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        int slash = path == null ? -1 : path.indexOf('/', 1);
        if (slash < 0) {
            response.sendError(404);
            return;
        }
        String completeKey = path.substring(1, slash);
        String name = path.substring(slash + 1);
        Optional<WebResourceRegistry.Download> download = registry.find(completeKey, name);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (download.isEmpty() || !TYPES.containsKey(extension)) {
            response.sendError(404);
            return;
        }
        try (InputStream in = download.get().loader().getResourceAsStream(download.get().location())) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            response.setContentType(TYPES.get(extension));
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }
}
