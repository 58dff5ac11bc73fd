package org.dvcsconnector.account;

/** A workspace as Bitbucket describes it. */
public record WorkspaceInfo(String slug, String name, String uuid, String avatarUrl) {}
