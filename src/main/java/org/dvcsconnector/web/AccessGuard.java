package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.spi.LoginUriProvider;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;

/** Who may see the plugin's admin pages and admin REST: administrators only. */
public final class AccessGuard {

    private final UserManager userManager;
    private final LoginUriProvider loginUriProvider;

    public AccessGuard(UserManager userManager, LoginUriProvider loginUriProvider) {
        this.userManager = userManager;
        this.loginUriProvider = loginUriProvider;
    }

    /**
     * For a page: the admin user, or empty after sending anonymous users to log in and others a 403.
     */
    public Optional<UserProfile> requireAdminPage(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<UserProfile> user = userManager.getRemoteUser();
        if (user.isEmpty()) {
            String query = request.getQueryString();
            URI back = URI.create(request.getRequestURI() + (query == null ? "" : "?" + query));
            response.sendRedirect(loginUriProvider.getLoginUri(back).toString());
            return Optional.empty();
        }
        if (!userManager.isAdmin(user.get().username())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only administrators may manage DVCS accounts.");
            return Optional.empty();
        }
        return user;
    }

    /** For REST: the admin user, or a 401 / 403 JSON error. */
    public UserProfile requireAdmin() {
        UserProfile user = userManager.getRemoteUser()
                .orElseThrow(() -> error(Response.Status.UNAUTHORIZED, "Log in first."));
        if (!userManager.isAdmin(user.username())) {
            throw error(Response.Status.FORBIDDEN, "Only administrators may manage DVCS accounts.");
        }
        return user;
    }

    private static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(Response.status(status)
                .type("application/json")
                .entity(Map.of("message", message))
                .build());
    }
}
