package org.dvcsconnector.account;

/** Whether an account works, needs an administrator, or is being deleted. */
public enum AccountStatus {
    ACTIVE,
    /** Bitbucket refused the stored credentials for good: re-enter them ("Reset OAuth settings"). */
    NEEDS_REAUTHORISATION,
    /** Leaving: webhooks and data are being removed in the background. */
    DELETING
}
