package org.dvcsconnector.spi;

import java.util.List;
import java.util.Optional;

/** Who is calling, who is an administrator, and who owns an e-mail address (SAL {@code UserManager}). */
public interface UserManager {

    /** The user of the request being served on this thread, if one is logged in. */
    Optional<UserProfile> getRemoteUser();

    Optional<UserProfile> getUserProfile(String username);

    boolean isAdmin(String username);

    /** Every user whose e-mail address equals {@code email}, ignoring case. */
    List<UserProfile> findUsersByEmail(String email);
}
