package org.dvcsconnector.refapp.web.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import org.dvcsconnector.refapp.auth.RequestUser;

/**
 * Establishes who is calling, from the session or from HTTP Basic credentials, for the rest of the
 * request: {@link RequestUser} for host services and the servlet principal for JAX-RS. Bad Basic
 * credentials get a 401 with one generic message; nothing says whether the user exists.
 */
public final class AuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> user;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            user = basic(header.substring(6).trim());
            if (user.isEmpty()) {
                // No WWW-Authenticate: a browser must never prompt and then replay Basic credentials.
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.getWriter().write("{\"errorMessages\":[\"Wrong username or password.\"],\"errors\":{}}");
                return;
            }
        } else {
            user = Sessions.user(request);
        }
        String username = user.orElse(null);
        HttpServletRequest identified = username == null ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteUser() {
                return username;
            }

            @Override
            public Principal getUserPrincipal() {
                return () -> username;
            }
        };
        try {
            RequestUser.runAs(username, () -> {
                chain.doFilter(identified, response);
                return null;
            });
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private Optional<String> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authenticator.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
