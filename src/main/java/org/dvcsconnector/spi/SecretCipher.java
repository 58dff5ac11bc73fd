package org.dvcsconnector.spi;

/**
 * Encrypts secrets at rest with a key the host holds (AES-GCM). Ciphertexts are text, safe to store in a column;
 * each encryption of the same plaintext differs.
 *
 * <p>No Atlassian API encrypts for a plugin. The nearest, {@code com.atlassian.secrets.api.plugins.PluginSecretService}
 * of recent Jira Data Center releases, stores named secrets instead; a Jira adapter keeps its AES key there (or in
 * the shared home) and encrypts as the refapp does.
 */
public interface SecretCipher {

    String encrypt(String plaintext);

    /** @throws SecretCipherException when the text was not made by this key or was altered */
    String decrypt(String ciphertext);
}
