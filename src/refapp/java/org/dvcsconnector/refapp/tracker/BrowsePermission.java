package org.dvcsconnector.refapp.tracker;

/** Who may browse a project's issues (administrators always may). */
public enum BrowsePermission {
    /** Every logged-in user. */
    USERS("users"),
    /** Administrators only. */
    ADMINS("admins");

    private final String column;

    BrowsePermission(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    static BrowsePermission ofColumn(String value) {
        return "admins".equals(value) ? ADMINS : USERS;
    }
}
