package org.dvcsconnector.api;

import java.time.Instant;
import java.util.List;

/**
 * A development event, published on the host's event bus once per event (never for a full sync's backfill).
 * Listen with an {@code @EventListener} method taking {@code DevEvent}.
 *
 * @param type what happened
 * @param workspace the Bitbucket workspace
 * @param repository the repository's slug
 * @param target the commit hash, branch name, or pull request number
 * @param url a link to the commit, branch or pull request on Bitbucket, when known
 * @param issueKeys the issues the event mentions (existing projects only)
 * @param actorEmail the commit author's e-mail, when the event has one
 * @param actorAccountId the Bitbucket account id of whoever caused the event, when known
 * @param occurredAt the event's own time (commit date, pull request {@code updated_on}, push time, review time)
 * @param actorName the Bitbucket display name (or commit author name) of whoever caused the event, when known
 */
public record DevEvent(DevEventType type, String workspace, String repository, String target, String url,
        List<String> issueKeys, String actorEmail, String actorAccountId, Instant occurredAt, String actorName) {

    public DevEvent {
        issueKeys = List.copyOf(issueKeys);
    }

    /** Without the actor's name (as before it was carried). */
    public DevEvent(DevEventType type, String workspace, String repository, String target, String url,
            List<String> issueKeys, String actorEmail, String actorAccountId, Instant occurredAt) {
        this(type, workspace, repository, target, url, issueKeys, actorEmail, actorAccountId, occurredAt, null);
    }
}
