package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A one-time message for the next page the administrator sees (post, redirect, get). Stored as a plain
 * string: sessions may be serialised into the shared database and read back by the host.
 */
public final class Flash {

    private static final String ATTRIBUTE = "dvcs.flash";

    /** What happened, and whether it went well. */
    public record Message(String text, boolean success) {}

    private Flash() {}

    public static void success(HttpServletRequest request, String text) {
        request.getSession(true).setAttribute(ATTRIBUTE, "+" + text);
    }

    public static void error(HttpServletRequest request, String text) {
        request.getSession(true).setAttribute(ATTRIBUTE, "-" + text);
    }

    public static Message take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String stored) || stored.isEmpty()) {
            return null;
        }
        session.removeAttribute(ATTRIBUTE);
        return new Message(stored.substring(1), stored.charAt(0) == '+');
    }
}
