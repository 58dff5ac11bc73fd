package org.dvcsconnector.devinfo;

import java.util.Optional;
import org.dvcsconnector.spi.PermissionService;

/**
 * An issue's development information for one user: empty when the issue does not exist or the user may not
 * browse it, the two never told apart (the host's {@link PermissionService#canBrowseIssue} says false for both).
 */
public final class DevInfoService {

    private final PermissionService permissions;
    private final DevInfoQueries queries;

    public DevInfoService(PermissionService permissions, DevInfoQueries queries) {
        this.permissions = permissions;
        this.queries = queries;
    }

    public Optional<DevInfoSummary> summary(String username, String issueKey) {
        return mayBrowse(username, issueKey) ? Optional.of(queries.summary(issueKey)) : Optional.empty();
    }

    public Optional<DevInfoDetail> detail(String username, String issueKey) {
        return mayBrowse(username, issueKey) ? Optional.of(queries.detail(issueKey)) : Optional.empty();
    }

    private boolean mayBrowse(String username, String issueKey) {
        return username != null && issueKey != null && issueKey.length() <= 255
                && permissions.canBrowseIssue(username, issueKey);
    }
}
