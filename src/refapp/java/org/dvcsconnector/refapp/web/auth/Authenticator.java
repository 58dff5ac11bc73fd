package org.dvcsconnector.refapp.web.auth;

import java.util.Optional;

/** Checks a username and password; the canonical username when they match. */
@FunctionalInterface
public interface Authenticator {
    Optional<String> authenticate(String username, String password);
}
