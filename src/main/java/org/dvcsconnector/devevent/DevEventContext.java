package org.dvcsconnector.devevent;

import org.dvcsconnector.api.DevEvent;

/** An outbox event being handled: the published form plus what handlers need besides. */
public record DevEventContext(int eventId, int repositoryId, DevEvent event, String message, boolean smartCommits) {}
