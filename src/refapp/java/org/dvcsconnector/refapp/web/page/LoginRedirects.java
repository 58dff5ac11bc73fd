package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Sending anonymous users to log in, and back to where they were going afterwards. */
public final class LoginRedirects {

    static final String DESTINATION = "os_destination";

    private LoginRedirects() {}

    /** Redirects to {@code /login} with this request's path and query as the destination. */
    public static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String back = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(request.getContextPath() + "/login?" + DESTINATION + "="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    /** Only a path on this site: never {@code //evil.example} or {@code https://…} (no open redirect). */
    public static String safeDestination(String destination) {
        if (destination == null || !destination.startsWith("/") || destination.startsWith("//")
                || destination.contains("\\") || destination.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return destination;
    }
}
