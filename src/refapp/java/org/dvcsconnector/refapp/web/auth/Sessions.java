package org.dvcsconnector.refapp.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/** What the host keeps in a session: the logged-in username. */
public final class Sessions {

    static final String USER = "refapp.user";

    private Sessions() {}

    public static Optional<String> user(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(USER));
    }

    /** Logs {@code username} in, with a new session id so a planted session cannot be ridden. */
    public static void logIn(HttpServletRequest request, String username) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(USER, username);
    }

    public static void logOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
