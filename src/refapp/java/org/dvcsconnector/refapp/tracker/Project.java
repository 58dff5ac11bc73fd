package org.dvcsconnector.refapp.tracker;

/** A project: its key prefixes its issues' keys. */
public record Project(long id, String key, String name, BrowsePermission browse) {

    /** Whether {@code user} (null = anonymous) may see this project and its issues. */
    public boolean browsableBy(User user) {
        return user != null && (user.admin() || browse == BrowsePermission.USERS);
    }
}
