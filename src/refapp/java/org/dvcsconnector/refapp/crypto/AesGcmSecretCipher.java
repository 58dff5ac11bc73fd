package org.dvcsconnector.refapp.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.dvcsconnector.spi.SecretCipher;
import org.dvcsconnector.spi.SecretCipherException;

/**
 * Encrypts secrets at rest with AES-256-GCM and a key file the host keeps next to its home.
 *
 * <p>Only the JDK's own {@code javax.crypto} is used: a well-kept, audited provider, and no extra
 * dependency to track. Format: {@code "v1:" + base64url(nonce[12] || ciphertext || tag[16])}, no
 * padding; the version prefix leaves room for key rotation or another algorithm later.
 *
 * <p>The key never appears in a log or an exception message. Every node of a cluster must use the
 * same key file (copy it, with its permissions, when adding a node): the database is shared. The key
 * file needs a POSIX file system, which is what the refapp runs on.
 */
public final class AesGcmSecretCipher implements SecretCipher {

    private static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    AesGcmSecretCipher(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES key must be " + KEY_BYTES + " bytes, was " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    /**
     * Reads the key from {@code keyFile}, or creates the file with a new random 256-bit key.
     *
     * @throws IllegalStateException when the file is readable by group or others, or is not a key
     */
    // Synchronized: two threads of one host must not both create a key (the second move would replace
    // the first key). Two processes sharing one home are not supported anyway (the H2 file is locked).
    public static synchronized AesGcmSecretCipher loadOrCreate(Path keyFile) {
        Path file = keyFile.toAbsolutePath();
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return new AesGcmSecretCipher(read(file));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the secret key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("The secret key file " + file + " is accessible by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); refusing to use it. Run: chmod 600 " + file);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The secret key file " + file + " holds " + bytes.length
                    + " bytes, not a " + KEY_BYTES * 8 + "-bit AES key. Restore the right file; deleting it makes"
                    + " every stored secret unreadable.");
        }
        return bytes;
    }

    /** Written to a temporary file first and moved into place, so no node ever reads a half-written key. */
    private static void create(Path file) throws IOException {
        Path dir = file.getParent();
        if (Files.notExists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        // Permissions are set at creation: there is no moment when the key is readable by others.
        Path temp = dir.resolve(file.getFileName() + ".tmp-" + Long.toHexString(new SecureRandom().nextLong()));
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.write(temp, newKey());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, new SecureRandom());
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is required of every JRE", e);
        }
    }

    @Override
    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public String decrypt(String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            throw new SecretCipherException("Not an encrypted secret (expected the prefix " + PREFIX + ")", null);
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(ciphertext.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretCipherException("Encrypted secret is not valid base64url", null);
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretCipherException("Encrypted secret is truncated", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // AEADBadTagException: altered, or made with another key. The cause carries no secret data.
            throw new SecretCipherException("Encrypted secret was altered or made with another key", e);
        }
    }
}
