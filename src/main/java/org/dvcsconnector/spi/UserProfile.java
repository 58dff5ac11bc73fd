package org.dvcsconnector.spi;

/**
 * A host user as plugins see it: SAL's {@code com.atlassian.sal.api.user.UserProfile} ({@code getUsername()},
 * {@code getFullName()}, {@code getEmail()}). Difference: a record without user key, picture or profile page, and the
 * full name called {@code displayName}, as Jira's {@code ApplicationUser.getDisplayName()} calls it.
 */
public record UserProfile(String username, String displayName, String email) {}
