package org.dvcsconnector.sync;

/**
 * A sync stops between pages because it is no longer wanted: its repository was unlinked or found gone, or its
 * account is being deleted. What it stored so far stays (or goes with the deletion); nothing is half-written.
 */
final class SyncStopped extends RuntimeException {

    SyncStopped(String reason) {
        super(reason, null, false, false);
    }
}
