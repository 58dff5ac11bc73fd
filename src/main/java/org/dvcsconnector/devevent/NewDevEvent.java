package org.dvcsconnector.devevent;

import java.util.List;
import org.dvcsconnector.api.DevEventType;

/**
 * An event to put in the outbox, with the issue keys already checked against the host's projects; {@code actorName}
 * is the Bitbucket display name (or commit author name) of whoever caused it, when known.
 */
public record NewDevEvent(DevEventType type, String target, List<String> issueKeys, String message, String actorEmail,
        String actorAccountId, String actorName, String url, long occurredAt) {

    public NewDevEvent {
        issueKeys = List.copyOf(issueKeys);
    }
}
