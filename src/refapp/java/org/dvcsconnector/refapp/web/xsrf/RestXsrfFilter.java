package org.dvcsconnector.refapp.web.xsrf;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.dvcsconnector.spi.XsrfTokenValidator;

/**
 * XSRF protection for REST, as Atlassian's REST does it. Without a CORS preflight a cross-site page can
 * only send GET, HEAD or a POST with a form's content type (or none), so such a POST must carry the
 * header {@code X-Atlassian-Token: no-check} (which a cross-site page cannot set) or a valid form token;
 * JSON, PUT and DELETE need neither. Calls authenticated by an explicit Basic header are exempt: the host
 * never makes the browser prompt for Basic credentials, so they are never ambient.
 */
public final class RestXsrfFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Set<String> SIMPLE_TYPES = Set.of(
            "application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private final transient XsrfTokenValidator validator;

    public RestXsrfFilter(XsrfTokenValidator validator) {
        this.validator = validator;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The header as text: getContentType() makes Jetty parse the charset, and an unknown one (charset=nope) throws.
        if (!"POST".equals(request.getMethod()) || !isSimple(request.getHeader("Content-Type"))
                || hasBasicCredentials(request)
                || "no-check".equalsIgnoreCase(request.getHeader("X-Atlassian-Token"))
                || validator.validateFormEncodedToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"message\":\"XSRF check failed: send JSON, or the header X-Atlassian-Token: no-check.\"}");
    }

    private static boolean hasBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && request.getRemoteUser() != null;
    }

    private static boolean isSimple(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return SIMPLE_TYPES.contains(mediaType);
    }
}
