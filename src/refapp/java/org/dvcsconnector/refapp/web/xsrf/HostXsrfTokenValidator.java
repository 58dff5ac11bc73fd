package org.dvcsconnector.refapp.web.xsrf;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.dvcsconnector.spi.XsrfTokenValidator;

/** A random token per session; forms echo it back in {@code atl_token}, compared in constant time. */
public final class HostXsrfTokenValidator implements XsrfTokenValidator {

    private static final String ATTRIBUTE = "refapp.xsrf";
    private final SecureRandom random = new SecureRandom();

    @Override
    public String getToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        synchronized (session) {
            String token = (String) session.getAttribute(ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                session.setAttribute(ATTRIBUTE, token);
            }
            return token;
        }
    }

    @Override
    public boolean validateFormEncodedToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(ATTRIBUTE);
        String given = request.getParameter(PARAMETER);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
