package org.dvcsconnector.spi;

/** An issue operation the host refused: the message says why, in words an administrator understands. */
public class IssueOperationException extends RuntimeException {
    public IssueOperationException(String message) {
        super(message);
    }
}
