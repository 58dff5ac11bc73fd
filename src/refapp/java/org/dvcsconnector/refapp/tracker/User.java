package org.dvcsconnector.refapp.tracker;

import org.dvcsconnector.spi.UserProfile;

/** A tracker user (never carries the password hash). */
public record User(String username, String displayName, String email, boolean admin) {

    public UserProfile profile() {
        return new UserProfile(username, displayName, email);
    }
}
