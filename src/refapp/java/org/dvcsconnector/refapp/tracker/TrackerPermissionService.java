package org.dvcsconnector.refapp.tracker;

import java.util.Locale;
import org.dvcsconnector.spi.PermissionService;

/** The spi {@link PermissionService}: browse rights from the project's {@link BrowsePermission}. */
final class TrackerPermissionService implements PermissionService {

    private final UserStore users;
    private final ProjectStore projects;
    private final Sql sql;

    TrackerPermissionService(UserStore users, ProjectStore projects, Sql sql) {
        this.users = users;
        this.projects = projects;
        this.sql = sql;
    }

    @Override
    public boolean canBrowseProject(String username, String projectKey) {
        User user = users.find(username).orElse(null);
        return projects.find(projectKey).map(p -> p.browsableBy(user)).orElse(false);
    }

    @Override
    public boolean canBrowseIssue(String username, String issueKey) {
        if (username == null || issueKey == null) {
            return false;
        }
        // One query (plugins ask on every request of the issue view): the issue's project's rule and the user.
        return sql.first("SELECT p.BROWSE, u.IS_ADMIN FROM REFAPP_ISSUE i JOIN REFAPP_PROJECT p ON p.ID = i.PROJECT_ID"
                        + " JOIN REFAPP_USER u ON u.USERNAME_LC = ? WHERE i.ISSUE_KEY = ?",
                row -> row.getBoolean(2) || BrowsePermission.ofColumn(row.getString(1)) == BrowsePermission.USERS,
                username.toLowerCase(Locale.ROOT), issueKey.strip().toUpperCase(Locale.ROOT)).orElse(false);
    }
}
