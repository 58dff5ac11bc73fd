package org.dvcsconnector.refapp.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Requests refused before any servlet sees them. TRACE and TRACK: {@code HttpServlet.doTrace} echoes the request
 * headers, cookies included. A target {@link URI} cannot parse (a raw {@code {} in the query, say): code that
 * builds a {@code URI} from the request (a login redirect) would fail with a 500; a client error it is.
 */
public final class RefusedRequestsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getMethod().equals("TRACE") || request.getMethod().equals("TRACK")) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed.");
            return;
        }
        if (!parses(request)) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The request URI is not valid: encode its special characters.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(HttpServletRequest request) {
        String query = request.getQueryString();
        try {
            new URI(request.getRequestURI() + (query == null ? "" : "?" + query));
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A plain-text answer, not the error page: nothing went wrong on our side worth rendering or logging. */
    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}
