package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.account.PendingAuthorization;

/**
 * Authorization round trips under way, in the administrator's own session: a {@code state} is only
 * ever honoured in the session that started it, and only once.
 */
public final class PendingAuthorizations {

    private static final String ATTRIBUTE = "dvcs.oauth.pending";
    private static final int MAX_PENDING = 10;

    private PendingAuthorizations() {}

    public static void put(HttpServletRequest request, PendingAuthorization pending) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            HashMap<String, PendingAuthorization> all = current(session);
            if (all.size() >= MAX_PENDING) {
                all.clear();
            }
            all.put(pending.state(), pending);
            // Set again so that a session store that persists attributes sees the change.
            session.setAttribute(ATTRIBUTE, all);
        }
    }

    /** The pending authorization for {@code state} in this session, removed so it cannot be used again. */
    public static Optional<PendingAuthorization> take(HttpServletRequest request, String state) {
        HttpSession session = request.getSession(false);
        if (session == null || state == null) {
            return Optional.empty();
        }
        synchronized (session) {
            HashMap<String, PendingAuthorization> all = current(session);
            PendingAuthorization pending = all.remove(state);
            session.setAttribute(ATTRIBUTE, all);
            return Optional.ofNullable(pending);
        }
    }

    @SuppressWarnings("unchecked")
    private static HashMap<String, PendingAuthorization> current(HttpSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        return value instanceof Map<?, ?> map ? new HashMap<>((Map<String, PendingAuthorization>) map) : new HashMap<>();
    }
}
