package org.dvcsconnector.devinfo;

/** What an issue link points at. */
public enum LinkKind { COMMIT, BRANCH, PULL_REQUEST }
