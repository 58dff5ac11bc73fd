package org.dvcsconnector.spi;

/**
 * Project and issue permissions: Jira's {@code com.atlassian.jira.security.PermissionManager}, asked for the one
 * permission the plugin needs, {@code ProjectPermissions.BROWSE_PROJECTS}. A {@code null} user means anonymous.
 *
 * <p>Difference: a method per question instead of {@code hasPermission(ProjectPermissionKey, Project|Issue,
 * ApplicationUser)}, taking keys and a username; a Jira adapter looks them up
 * ({@code ProjectManager.getProjectObjByKey}, {@code IssueManager.getIssueObject}, {@code UserManager.getUserByName})
 * and delegates.
 */
public interface PermissionService {

    boolean canBrowseProject(String username, String projectKey);

    /** False for an issue that does not exist, so callers cannot tell the two apart. */
    boolean canBrowseIssue(String username, String issueKey);
}
