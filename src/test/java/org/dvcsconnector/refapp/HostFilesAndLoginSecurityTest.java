package org.dvcsconnector.refapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host's own protections, on a real refapp (demo users, no plugin) over real HTTP and real files: the node home,
 * database and key are private to this user; H2 is compacted at shutdown so cleared values leave the disk; password
 * guessing is throttled per account and per address. Each test starts its own refapp on a fresh home, so the login
 * throttle's counts of one test never reach another.
 */
class HostFilesAndLoginSecurityTest {

    private Path root;
    private Path home;
    private Refapp refapp;

    @BeforeEach
    void freshHome() throws IOException {
        Files.createDirectories(Path.of("target", "it-homes"));
        root = Files.createTempDirectory(Path.of("target", "it-homes"), "host-security-").toAbsolutePath();
        home = root.resolve("home"); // not there yet: the refapp creates it
    }

    @AfterEach
    void stop() throws IOException {
        if (refapp != null) {
            refapp.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Refapp start() throws Exception {
        refapp = Refapp.start(RefappOptions.parse("--demo", "--port", "0", "--sim-port", "0", "--home", home.toString()));
        return refapp;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void theHomeTheDatabaseAndTheKeyArePrivateFromTheStart() throws Exception {
        start();
        assertThat(mode(home)).as("home").isEqualTo("rwx------");
        assertThat(mode(home.resolve("database"))).as("database directory").isEqualTo("rwx------");
        assertThat(mode(home.resolve("database/refapp.mv.db"))).as("database file").isEqualTo("rw-------");
        assertThat(mode(home.resolve("secret.key"))).as("key").isEqualTo("rw-------");
        refapp.close();
        refapp = null;
        // SHUTDOWN COMPACT wrote the file anew: still private, and so is everything else H2 left.
        try (Stream<Path> files = Files.list(home.resolve("database"))) {
            for (Path file : files.toList()) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void shutdownCompactsTheDatabaseSoClearedValuesLeaveTheDisk() throws Exception {
        String marker = "PLAIN-TEXT-LEGACY-SECRET-" + System.nanoTime();
        start();
        try (Connection c = refapp.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE LEAK_CHECK (ID INT PRIMARY KEY, SECRET VARCHAR(200))");
            s.execute("INSERT INTO LEAK_CHECK VALUES (1, '" + marker + "')");
            s.execute("CHECKPOINT"); // on disk now, as a secret imported at an earlier start would be
            s.execute("UPDATE LEAK_CHECK SET SECRET = NULL WHERE ID = 1");
        }
        List<String> log;
        try (LogCapture capture = LogCapture.start()) {
            refapp.close();
            refapp = null;
            log = capture.texts();
        }
        assertThat(log).noneMatch(line -> line.contains("Compacting the H2 database failed"));
        assertThat(log).noneMatch(line -> line.startsWith("WARN") && line.contains("Database is already closed"));
        byte[] bytes = Files.readAllBytes(home.resolve("database/refapp.mv.db"));
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(marker);
    }

    private Http.Response basic(String user, String password) {
        return Http.basic(refapp.baseUrl(), user, password).get("/rest/api/2/myself");
    }

    @Test
    void theSixthWrongPasswordIsRefusedWithRetryAfterWithoutCheckingIt() throws Exception {
        start();
        for (int i = 1; i <= 5; i++) {
            assertThat(basic("alice", "guess-" + i).status()).as("guess " + i).isEqualTo(401);
        }
        long checks = refapp.passwordChecks();
        Http.Response sixth = basic("alice", "guess-6");
        assertThat(sixth.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(sixth.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        // Even the right password is not checked now (the attacker would learn it was right).
        assertThat(basic("alice", "alice").status()).isEqualTo(429);
        assertThat(refapp.passwordChecks()).as("no PBKDF2 for throttled attempts").isEqualTo(checks);
        // Other users, from the same address, are unaffected.
        assertThat(basic("bob", "bob").status()).isEqualTo(200);
        assertThat(basic("bob", "wrong").status()).isEqualTo(401);
    }

    @Test
    void aSuccessResetsTheAccountsCount() throws Exception {
        start();
        for (int i = 1; i <= 4; i++) {
            assertThat(basic("alice", "guess-" + i).status()).isEqualTo(401);
        }
        assertThat(basic("alice", "alice").status()).isEqualTo(200);
        for (int i = 5; i <= 8; i++) {
            assertThat(basic("alice", "guess-" + i).status()).as("guess " + i).isEqualTo(401);
        }
    }

    @Test
    void theLoginFormSaysWhenToTryAgain() throws Exception {
        start();
        for (int i = 1; i <= 5; i++) {
            assertThat(Http.session(refapp.baseUrl()).login("alice", "guess-" + i).status()).isEqualTo(401);
        }
        long checks = refapp.passwordChecks();
        Http.Response form = Http.session(refapp.baseUrl()).login("alice", "guess-6");
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.header("Retry-After")).isPresent();
        assertThat(form.body()).containsPattern("id=\"login-error\"[^>]*>Too many failed logins\\. Please try again in \\d+ seconds?\\.<");
        assertThat(refapp.passwordChecks()).isEqualTo(checks);
        assertThat(Http.session(refapp.baseUrl()).login("bob", "bob").status()).isEqualTo(302);
    }

    @Test
    void manyUserNamesFromOneAddressAreThrottledByAddress() throws Exception {
        start();
        for (int i = 1; i <= 20; i++) {
            assertThat(basic("nobody-" + i, "guess").status()).as("guess " + i).isEqualTo(401);
        }
        long checks = refapp.passwordChecks();
        Http.Response next = basic("nobody-21", "guess");
        assertThat(next.status()).isEqualTo(429);
        assertThat(next.header("Retry-After")).isPresent();
        assertThat(refapp.passwordChecks()).isEqualTo(checks);
    }
}
