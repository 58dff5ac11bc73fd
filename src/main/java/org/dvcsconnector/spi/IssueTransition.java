package org.dvcsconnector.spi;

/** A workflow transition available on an issue: its id, its name, and the status it leads to. */
public record IssueTransition(String id, String name, String toStatus) {}
