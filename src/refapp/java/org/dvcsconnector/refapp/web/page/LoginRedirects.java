package org.dvcsconnector.refapp.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/** Sending anonymous users to log in, and back to where they were going afterwards. */
public final class LoginRedirects {

    static final String DESTINATION = "os_destination";
    private static final String HOME = "/";
    /** Anywhere: control characters and backslashes, raw or percent-encoded. */
    private static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x1f\\x7f\\\\]|%(?:[01][0-9a-fA-F]|7[fF]|5[cC])");
    /** In the path: what Jetty calls ambiguous (path parameters, encoded dots, slashes, semicolons and percents). */
    private static final Pattern AMBIGUOUS_IN_PATH = Pattern.compile(";|%(?:2[eEfF]|3[bB]|25)");

    private LoginRedirects() {}

    /** Redirects to {@code /login} with this request's path and query as the destination. */
    public static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String back = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect(request.getContextPath() + "/login?" + DESTINATION + "="
                + URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    /**
     * Only a path on this site, decided on its normalised form: {@code /x/..//evil.example} normalises to
     * {@code //evil.example}, another site to a browser. Anything else, or anything Jetty would refuse to redirect
     * to (an encoded control character or dot, a path above the root), is {@code /}.
     */
    public static String safeDestination(String destination) {
        if (destination == null || destination.isEmpty() || FORBIDDEN.matcher(destination).find()) {
            return HOME;
        }
        int end = indexOfAny(destination, "?#");
        if (AMBIGUOUS_IN_PATH.matcher(destination.substring(0, end)).find()) {
            return HOME;
        }
        String path = normalise(destination.substring(0, end));
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            return HOME;
        }
        String safe = path + destination.substring(end);
        try {
            URI uri = new URI(safe);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? safe : HOME;
        } catch (URISyntaxException e) {
            return HOME;
        }
    }

    /** The path with {@code .} and {@code ..} segments resolved (RFC 3986 5.2.4); null when it climbs above the root. */
    private static String normalise(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            switch (parts[i]) {
                case "." -> {
                    if (last) {
                        segments.addLast("");
                    }
                }
                case ".." -> {
                    if (segments.pollLast() == null) {
                        return null;
                    }
                    if (last) {
                        segments.addLast("");
                    }
                }
                default -> segments.addLast(parts[i]);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
