package org.dvcsconnector.spi;

/**
 * Encrypts secrets at rest with a key the host holds (AES-GCM). Ciphertexts are text, safe to store in
 * a column; each encryption of the same plaintext differs.
 */
public interface SecretCipher {

    String encrypt(String plaintext);

    /** @throws SecretCipherException when the text was not made by this key or was altered */
    String decrypt(String ciphertext);
}
