package org.dvcsconnector.refapp.tracker;

import java.time.Instant;

/** A comment on an issue. */
public record Comment(long id, String issueKey, String author, String body, Instant created) {}
