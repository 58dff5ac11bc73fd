package org.dvcsconnector.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** A one-time message for the next page the administrator sees (post, redirect, get). */
public final class Flash {

    private static final String ATTRIBUTE = "dvcs.flash";

    /** What happened, and whether it went well. */
    public record Message(String text, boolean success) implements java.io.Serializable {}

    private Flash() {}

    public static void success(HttpServletRequest request, String text) {
        request.getSession(true).setAttribute(ATTRIBUTE, new Message(text, true));
    }

    public static void error(HttpServletRequest request, String text) {
        request.getSession(true).setAttribute(ATTRIBUTE, new Message(text, false));
    }

    public static Message take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Message message = (Message) session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return message;
    }
}
