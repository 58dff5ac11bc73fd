package org.dvcsconnector.refapp.tracker;

import java.util.List;
import java.util.Optional;
import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;

/** The spi {@link UserManager}: the request's user comes from {@link RequestUser}, set by the host's auth filter. */
final class TrackerUserManager implements UserManager {

    private final UserStore users;

    TrackerUserManager(UserStore users) {
        this.users = users;
    }

    @Override
    public Optional<UserProfile> getRemoteUser() {
        return RequestUser.username().flatMap(users::find).map(User::profile);
    }

    /** From the auth filter, no lookup: whether the user still exists is the permission check's business. */
    @Override
    public Optional<String> getRemoteUsername() {
        return RequestUser.username();
    }

    @Override
    public Optional<UserProfile> getUserProfile(String username) {
        return users.find(username).map(User::profile);
    }

    @Override
    public boolean isAdmin(String username) {
        return users.isAdmin(username);
    }

    @Override
    public List<UserProfile> findUsersByEmail(String email) {
        return users.findByEmail(email).stream().map(User::profile).toList();
    }
}
