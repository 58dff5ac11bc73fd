package org.dvcsconnector.refapp.tracker;

import org.dvcsconnector.spi.PermissionService;

/** The spi {@link PermissionService}: browse rights from the project's {@link BrowsePermission}. */
final class TrackerPermissionService implements PermissionService {

    private final UserStore users;
    private final ProjectStore projects;
    private final IssueActions actions;

    TrackerPermissionService(UserStore users, ProjectStore projects, IssueActions actions) {
        this.users = users;
        this.projects = projects;
        this.actions = actions;
    }

    @Override
    public boolean canBrowseProject(String username, String projectKey) {
        User user = users.find(username).orElse(null);
        return projects.find(projectKey).map(p -> p.browsableBy(user)).orElse(false);
    }

    @Override
    public boolean canBrowseIssue(String username, String issueKey) {
        return actions.findBrowsable(username, issueKey).isPresent();
    }
}
