package org.dvcsconnector.devevent;

import org.dvcsconnector.api.DevEvent;

/**
 * An outbox event being handled: the published form plus what handlers need besides.
 *
 * @param smartCommits smart commits are on for the repository and its account
 * @param verifiedAuthorsOnly the account runs smart commits only for authors Bitbucket has linked to an account
 */
public record DevEventContext(int eventId, int repositoryId, DevEvent event, String message, boolean smartCommits,
        boolean verifiedAuthorsOnly) {

    public DevEventContext(int eventId, int repositoryId, DevEvent event, String message, boolean smartCommits) {
        this(eventId, repositoryId, event, message, smartCommits, false);
    }
}
