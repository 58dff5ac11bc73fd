package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.dvcsconnector.refapp.web.rest.JsonSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error page: a short message, never a stack trace. REST paths get JSON. An unexpected exception
 * is logged with an id the page shows, so an admin can find it in the log.
 */
public final class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorServlet.class);
    private static final Map<Integer, String> DEFAULTS = Map.of(
            400, "The request was not understood.",
            401, "Log in to see this page.",
            403, "You do not have permission to see this page.",
            404, "There is nothing at this address.",
            405, "That is not allowed here.",
            500, "Something went wrong on the server.");

    private final transient HostPages pages;

    public ErrorServlet(HostPages pages) {
        this.pages = pages;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Integer status = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status == null ? 500 : status;
        String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failure != null || code >= 500) {
            String id = Long.toHexString(System.nanoTime());
            LOG.error("Error {} serving {} (reference {})", code, uri, id, failure);
            message = DEFAULTS.get(500) + " Reference: " + id + " (in the server log).";
        } else if (message == null || message.isBlank() || message.matches("[A-Z][a-z ]+") && message.length() < 25) {
            message = DEFAULTS.getOrDefault(code, "The request failed.");
        }
        response.setStatus(code);
        if (uri != null && uri.startsWith(request.getContextPath() + "/rest/")) {
            response.setContentType("application/json");
            JsonSupport.MAPPER.writeValue(response.getOutputStream(), Map.of("message", message));
            return;
        }
        pages.render(request, response, code + " · " + DEFAULTS.getOrDefault(code, "Error"), "error",
                Map.of("status", code, "message", message));
    }
}
