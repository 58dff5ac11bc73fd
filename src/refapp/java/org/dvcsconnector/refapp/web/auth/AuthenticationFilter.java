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
 * credentials get a 401 with one generic message; nothing says whether the user exists. Too many failures for the
 * user name or from the address get a 429 with {@code Retry-After} (see {@link LoginThrottle}).
 */
public final class AuthenticationFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient LoginThrottle logins;

    public AuthenticationFilter(LoginThrottle logins) {
        this.logins = logins;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> user;
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            LoginThrottle.Result result = basic(header.substring(6).trim(), request.getRemoteAddr());
            if (result instanceof LoginThrottle.Result.Throttled throttled) {
                long seconds = LoginThrottle.seconds(throttled.retryAfter());
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(seconds));
                response.setContentType("application/json");
                response.getWriter().write("{\"errorMessages\":[\"Too many failed logins. Try again in " + seconds
                        + " seconds.\"],\"errors\":{}}");
                return;
            }
            user = result instanceof LoginThrottle.Result.Success success ? Optional.of(success.username()) : Optional.empty();
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

    private LoginThrottle.Result basic(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new LoginThrottle.Result.Refused();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new LoginThrottle.Result.Refused();
        }
        return logins.attempt(decoded.substring(0, colon), decoded.substring(colon + 1), address);
    }
}
