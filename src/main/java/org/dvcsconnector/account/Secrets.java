package org.dvcsconnector.account;

import org.dvcsconnector.spi.SecretCipher;

/** Encrypts secrets before they touch the database, and decrypts them only where they are used. */
public final class Secrets {

    private final SecretCipher cipher;

    public Secrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext);
    }

    public String open(String sealed) {
        return sealed == null ? null : cipher.decrypt(sealed);
    }
}
