package org.dvcsconnector.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.account.PendingAuthorization;

/**
 * Authorization round trips under way, in the administrator's own session: a {@code state} is only
 * ever honoured in the session that started it, and only once. Kept as JSON strings in a plain
 * {@code HashMap}: sessions may be serialised into the shared database and read back by the host, which
 * cannot load the plugin's classes.
 */
public final class PendingAuthorizations {

    private static final String ATTRIBUTE = "dvcs.oauth.pending";
    private static final int MAX_PENDING = 10;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private PendingAuthorizations() {}

    public static void put(HttpServletRequest request, PendingAuthorization pending) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            HashMap<String, String> all = current(session);
            if (all.size() >= MAX_PENDING) {
                all.clear();
            }
            try {
                all.put(pending.state(), JSON.writeValueAsString(pending));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A pending authorization could not be stored", e);
            }
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
            HashMap<String, String> all = current(session);
            String pending = all.remove(state);
            session.setAttribute(ATTRIBUTE, all);
            try {
                return pending == null ? Optional.empty() : Optional.of(JSON.readValue(pending, PendingAuthorization.class));
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static HashMap<String, String> current(HttpSession session) {
        Object value = session.getAttribute(ATTRIBUTE);
        return value instanceof Map<?, ?> map ? new HashMap<>((Map<String, String>) map) : new HashMap<>();
    }
}
