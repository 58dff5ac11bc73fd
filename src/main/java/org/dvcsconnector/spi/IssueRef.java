package org.dvcsconnector.spi;

/** An issue as plugins see it. */
public record IssueRef(String key, String projectKey, String summary, String status) {}
