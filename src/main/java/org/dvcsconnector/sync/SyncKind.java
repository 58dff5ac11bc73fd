package org.dvcsconnector.sync;

/** What a sync run is: a full sync (history, raises no events), a soft sync, or a push applied from its webhook. */
public enum SyncKind { FULL, SOFT, WEBHOOK }
