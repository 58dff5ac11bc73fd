package org.dvcsconnector.refapp.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** {@code /static/*}: the host's own CSS and images from {@code refapp/static} on the class path. */
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        if (!name.matches("[a-z0-9-]+\\.(css|svg|png)")) {
            response.sendError(404);
            return;
        }
        try (InputStream in = StaticServlet.class.getClassLoader().getResourceAsStream("refapp/static/" + name)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            response.setContentType(switch (extension) {
                case "css" -> "text/css;charset=UTF-8";
                case "svg" -> "image/svg+xml";
                default -> "image/png";
            });
            response.setHeader("Cache-Control", "max-age=300");
            in.transferTo(response.getOutputStream());
        }
    }
}
