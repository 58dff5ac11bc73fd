package org.dvcsconnector.issuekey;

/** An issue key where a text writes it: {@code text.substring(start, end)} is the key in the case it was written. */
public record IssueKeyMatch(IssueKey key, int start, int end) {}
