package org.dvcsconnector.refapp.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.dvcsconnector.spi.SecretCipherException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretCipherTest {

    @TempDir
    Path home;

    private AesGcmSecretCipher cipher() {
        return AesGcmSecretCipher.loadOrCreate(home.resolve("secrets/key"));
    }

    @Test
    void roundTripsEmptyUnicodeAndLargeTexts() {
        AesGcmSecretCipher cipher = cipher();
        String large = "x".repeat(100 * 1024);
        for (String text : new String[] {"", "s3cr3t", "päss wörd ✓ 鍵 🔑", large}) {
            String sealed = cipher.encrypt(text);
            assertThat(sealed).startsWith("v1:").doesNotContain(text.isEmpty() ? "\u0000" : text);
            assertThat(cipher.decrypt(sealed)).isEqualTo(text);
        }
    }

    @Test
    void outputIsUnpaddedBase64UrlOfNonceCiphertextAndTag() {
        String sealed = cipher().encrypt("abc");
        String body = sealed.substring(3);
        assertThat(body).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(body)).hasSize(12 + 3 + 16);
    }

    @Test
    void encryptingTheSameTextTwiceGivesDifferentCiphertexts() {
        AesGcmSecretCipher cipher = cipher();
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void flippingAnyByteIsDetected() {
        AesGcmSecretCipher cipher = cipher();
        String sealed = cipher.encrypt("client-secret");
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 0x01;
            String tampered = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .as("byte %d", i)
                    .isInstanceOf(SecretCipherException.class)
                    .hasMessageNotContaining("client-secret");
        }
    }

    @Test
    void anotherKeyCannotDecrypt() {
        String sealed = cipher().encrypt("token");
        AesGcmSecretCipher other = AesGcmSecretCipher.loadOrCreate(home.resolve("other/key"));
        assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void truncatedOrGarbageInputIsRefused() {
        AesGcmSecretCipher cipher = cipher();
        String sealed = cipher.encrypt("token");
        for (String bad : new String[] {
            sealed.substring(0, sealed.length() - 1), sealed.substring(0, 20), "v1:", "v1:AAAA", "v1:!!not base64!!",
            "v2:" + sealed.substring(3), "token", "", sealed + "A"
        }) {
            assertThatThrownBy(() -> cipher.decrypt(bad)).as(bad).isInstanceOf(SecretCipherException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(null)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
        Path keyFile = home.resolve("secrets/key");
        AesGcmSecretCipher first = AesGcmSecretCipher.loadOrCreate(keyFile);

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(keyFile.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.size(keyFile)).isEqualTo(32);
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile); // no temporary file left behind
        }

        byte[] key = Files.readAllBytes(keyFile);
        AesGcmSecretCipher second = AesGcmSecretCipher.loadOrCreate(keyFile);
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(key);
        assertThat(second.decrypt(first.encrypt("shared"))).isEqualTo("shared");
    }

    @Test
    void groupReadableKeyFileIsRefused() throws Exception {
        Path keyFile = home.resolve("secrets/key");
        AesGcmSecretCipher.loadOrCreate(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> AesGcmSecretCipher.loadOrCreate(keyFile))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("chmod 600 " + keyFile);
    }

    @Test
    void keyOfTheWrongLengthIsRefused() throws Exception {
        Path keyFile = home.resolve("short.key");
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(keyFile, new byte[16]);

        assertThatThrownBy(() -> AesGcmSecretCipher.loadOrCreate(keyFile))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("16 bytes");
    }
}
