package org.dvcsconnector.refapp.tracker;

import java.time.Instant;
import org.dvcsconnector.spi.IssueRef;

/** An issue; {@code key} is {@code <project key>-<number>}. */
public record Issue(long id, String key, long projectId, String projectKey, String summary, String description,
        String status, String reporter, Instant created, Instant updated) {

    public IssueRef ref() {
        return new IssueRef(key, projectKey, summary, status);
    }
}
