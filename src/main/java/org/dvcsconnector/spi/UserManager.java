package org.dvcsconnector.spi;

import java.util.List;
import java.util.Optional;

/** Who is calling, who is an administrator, and who owns an e-mail address (SAL {@code UserManager}). */
public interface UserManager {

    /** The user of the request being served on this thread, if one is logged in. */
    Optional<UserProfile> getRemoteUser();

    /**
     * Only the name of the request's user (SAL {@code getRemoteUsername}): for callers that need no profile, so
     * that a host can answer without looking the user up.
     */
    default Optional<String> getRemoteUsername() {
        return getRemoteUser().map(UserProfile::username);
    }

    Optional<UserProfile> getUserProfile(String username);

    boolean isAdmin(String username);

    /** Every user whose e-mail address equals {@code email}, ignoring case. */
    List<UserProfile> findUsersByEmail(String email);
}
