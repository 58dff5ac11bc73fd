package org.dvcsconnector.spi;

/**
 * An issue operation the host refused: the message says why, in words an administrator understands. A Jira adapter
 * throws it with the messages of the {@code ErrorCollection} of a validation result that is not valid.
 */
public class IssueOperationException extends RuntimeException {
    public IssueOperationException(String message) {
        super(message);
    }
}
