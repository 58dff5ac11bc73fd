package org.dvcsconnector.spi;

/** A host user as plugins see it. */
public record UserProfile(String username, String displayName, String email) {}
