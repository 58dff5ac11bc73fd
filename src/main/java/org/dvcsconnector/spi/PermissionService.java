package org.dvcsconnector.spi;

/** Project and issue permissions (Jira {@code PermissionManager}); {@code null} user means anonymous. */
public interface PermissionService {

    boolean canBrowseProject(String username, String projectKey);

    /** False for an issue that does not exist, so callers cannot tell the two apart. */
    boolean canBrowseIssue(String username, String issueKey);
}
