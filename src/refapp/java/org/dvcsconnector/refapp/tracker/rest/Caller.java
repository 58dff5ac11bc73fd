package org.dvcsconnector.refapp.tracker.rest;

import org.dvcsconnector.refapp.auth.RequestUser;
import org.dvcsconnector.refapp.tracker.User;
import org.dvcsconnector.refapp.tracker.UserStore;

/** The authenticated user of this request (the host's filter has set {@link RequestUser}), or a 401. */
final class Caller {

    private final UserStore users;

    Caller(UserStore users) {
        this.users = users;
    }

    /** The current user; a user deleted since logging in counts as not authenticated. */
    User require() {
        return RequestUser.username().flatMap(users::find).orElseThrow(RestException::notAuthenticated);
    }
}
