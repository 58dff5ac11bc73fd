package org.dvcsconnector.refapp.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_234);

    @Test
    void storesAlgorithmIterationsSaltAndHash() {
        String stored = hasher.hash("s3cret");

        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("1234");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void verifiesOnlyTheRightPassword() {
        String stored = hasher.hash("s3cret");

        assertThat(hasher.verify("s3cret", stored)).isTrue();
        assertThat(hasher.verify("s3creT", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
        assertThat(hasher.verify(null, stored)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void usesTheStoredIterationCountWhenVerifying() {
        String stored = new PasswordHasher(2_000).hash("pw");

        assertThat(hasher.verify("pw", stored)).isTrue();
        String tampered = stored.replace("$2000$", "$2001$");
        assertThat(hasher.verify("pw", tampered)).isFalse();
    }

    @Test
    void refusesMalformedHashes() {
        assertThat(hasher.verify("pw", null)).isFalse();
        assertThat(hasher.verify("pw", "plain")).isFalse();
        assertThat(hasher.verify("pw", "md5$1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("pw", "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("pw", "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
    }

    @Test
    void defaultsToOwaspCost() {
        assertThat(new PasswordHasher().iterations()).isGreaterThanOrEqualTo(210_000);
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
