package org.dvcsconnector.sync;

/**
 * What a sync run is: a full sync (its recent work first, raises no events), a turn of a full sync's older HISTORY
 * (backfill, raises no events), a soft sync, or a push applied from its webhook.
 */
public enum SyncKind { FULL, HISTORY, SOFT, WEBHOOK }
