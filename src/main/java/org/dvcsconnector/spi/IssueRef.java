package org.dvcsconnector.spi;

/**
 * An issue as plugins see it: the fields of Jira's {@code com.atlassian.jira.issue.Issue} the plugin reads
 * ({@code getKey()}, {@code getProjectObject().getKey()}, {@code getSummary()}, {@code getStatus().getName()}).
 */
public record IssueRef(String key, String projectKey, String summary, String status) {}
