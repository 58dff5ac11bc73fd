package org.dvcsconnector.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The development events the plugin publishes and workflow triggers react to; {@link #key()} is the REST name. */
public enum DevEventType {
    BRANCH_CREATED,
    COMMIT_CREATED,
    PULLREQUEST_CREATED,
    PULLREQUEST_MERGED,
    PULLREQUEST_DECLINED,
    PULLREQUEST_REOPENED,
    /** A reviewer approved (Bitbucket's {@code pullrequest:approved}); Jira's triggers lack it. */
    PULLREQUEST_APPROVED,
    /** A reviewer requested changes (Bitbucket's {@code pullrequest:changes_request_created}). */
    PULLREQUEST_CHANGES_REQUESTED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DevEventType> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }
}
