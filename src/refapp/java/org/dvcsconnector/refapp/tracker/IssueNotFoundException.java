package org.dvcsconnector.refapp.tracker;

import org.dvcsconnector.spi.IssueOperationException;

/** The issue does not exist or the user may not browse it: deliberately the same answer for both. */
public class IssueNotFoundException extends IssueOperationException {

    public IssueNotFoundException(String issueKey, String username) {
        super("Issue " + issueKey + " does not exist or user '" + username + "' may not browse it.");
    }
}
