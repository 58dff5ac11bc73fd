package org.dvcsconnector.issuekey;

/** An issue key found in text, upper case, with its project part. */
public record IssueKey(String key, String projectKey) {}
