package org.dvcsconnector.spi;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling, who is an administrator, and who owns an e-mail address: SAL's
 * {@code com.atlassian.sal.api.user.UserManager}, with its method names and meaning.
 *
 * <p>Difference: users are named by username, as SAL's {@code String} overloads do, since there is no
 * {@code UserKey} type here, and "nobody" is an empty {@link Optional} instead of {@code null}.
 * {@link #findUsersByEmail} is not SAL's.
 */
public interface UserManager {

    /** The user of the request being served on this thread, if one is logged in (SAL {@code getRemoteUser()}). */
    Optional<UserProfile> getRemoteUser();

    /**
     * Only the name of the request's user (SAL {@code getRemoteUsername}): for callers that need no profile, so
     * that a host can answer without looking the user up.
     */
    default Optional<String> getRemoteUsername() {
        return getRemoteUser().map(UserProfile::username);
    }

    Optional<UserProfile> getUserProfile(String username);

    /** An administrator of the host (SAL {@code isAdmin}: system administrators are administrators too). */
    boolean isAdmin(String username);

    /**
     * Every user whose e-mail address equals {@code email}, ignoring case. Jira has it from
     * {@code com.atlassian.jira.bc.user.search.UserSearchService.findUserKeysByEmail}.
     */
    List<UserProfile> findUsersByEmail(String email);
}
