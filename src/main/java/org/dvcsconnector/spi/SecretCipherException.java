package org.dvcsconnector.spi;

/** A ciphertext that cannot be decrypted: altered, truncated, or made with another key. No Atlassian counterpart. */
public class SecretCipherException extends RuntimeException {
    public SecretCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
