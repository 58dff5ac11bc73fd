package org.dvcsconnector.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one policy for text from Bitbucket: cleaning, cutting at a code point, and the keys of long names. */
class StoredTextTest {

    private static final String GRIN = "\uD83D\uDE00"; // U+1F600, two UTF-16 code units

    @Test
    void cleaningRemovesNulAndReplacesLoneSurrogatesOnly() {
        String clean = "tab\tbell\u0007 esc\u001b emoji " + GRIN + " accents é ü";
        assertThat(StoredText.clean(clean)).isSameAs(clean);
        assertThat(StoredText.clean("a\u0000b\u0000")).isEqualTo("ab");
        assertThat(StoredText.clean("high \uD83D alone")).isEqualTo("high \uFFFD alone");
        assertThat(StoredText.clean("low \uDE00 alone")).isEqualTo("low \uFFFD alone");
        assertThat(StoredText.clean("ends high \uD83D")).isEqualTo("ends high \uFFFD");
        assertThat(StoredText.clean("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD"); // reversed: no pair
        assertThat(StoredText.clean("pair " + GRIN + "\u0000")).isEqualTo("pair " + GRIN);
        assertThat(StoredText.clean(null)).isNull();
    }

    @Test
    void fitCutsAtACodePointAndReportsTheOriginalLength() {
        StoredText.Fit whole = StoredText.fit("short", 10);
        assertThat(whole).isEqualTo(new StoredText.Fit("short", 5, false));
        assertThat(whole.lengthIfCut()).isNull();

        String emojis = GRIN.repeat(10); // 20 code units
        StoredText.Fit odd = StoredText.fit(emojis, 7); // 7 would split the fourth pair
        assertThat(odd.text()).isEqualTo(GRIN.repeat(3));
        assertThat(odd.cut()).isTrue();
        assertThat(odd.lengthIfCut()).isEqualTo(20);
        assertThat(StoredText.fit(emojis, 8).text()).isEqualTo(GRIN.repeat(4));

        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        StoredText.Fit message = StoredText.fit(tenMegabytes, StoredText.LONG);
        assertThat(message.text()).hasSize(StoredText.LONG);
        assertThat(message.length()).isEqualTo(tenMegabytes.length());
        assertThat(StoredText.fit(null, 5)).isEqualTo(new StoredText.Fit(null, 0, false));
    }

    @Test
    void shortenEndsACutTextWithAnEllipsisWithinTheLimit() {
        assertThat(StoredText.shorten("Alice", 255)).isEqualTo("Alice");
        String name = "A".repeat(10_000);
        assertThat(StoredText.shorten(name, 255)).hasSize(255).endsWith("\u2026").startsWith("AAAA");
        String emojis = GRIN.repeat(200);
        String cut = StoredText.shorten(emojis, 255);
        assertThat(cut.length()).isLessThanOrEqualTo(255);
        assertThat(StoredText.clean(cut)).as("no half pair").isSameAs(cut);
        assertThat(StoredText.shorten(null, 5)).isNull();
    }

    @Test
    void aShortNameIsItsOwnKeyALongOneAPrefixAndItsHash() {
        String name = "feature/DEMO-1-" + "x".repeat(435); // 450: still its own key
        assertThat(StoredText.key(name)).isEqualTo(name);
        assertThat(StoredText.full(name)).isNull();

        String long456 = "feature/DEMO-2-" + "y".repeat(441);
        String key = StoredText.key(long456);
        assertThat(key).hasSizeLessThanOrEqualTo(StoredText.KEY_LENGTH).startsWith("feature/DEMO-2-yyy").contains("~");
        assertThat(key).matches("(?s).*~[0-9a-f]{64}");
        assertThat(StoredText.key(long456)).as("the same on every lookup").isEqualTo(key);
        assertThat(StoredText.full(long456)).isEqualTo(long456);
        assertThat(StoredText.shown(key, StoredText.full(long456))).isEqualTo(long456);
        assertThat(StoredText.shown(name, null)).isEqualTo(name);

        // names that share the kept prefix still get keys of their own
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            keys.add(StoredText.key("p".repeat(1_000) + i));
        }
        assertThat(keys).hasSize(100);

        // ~4,000 bytes of four-byte characters: the key never splits one
        String astral = GRIN.repeat(1_000);
        String astralKey = StoredText.key(astral);
        assertThat(astralKey.length()).isLessThanOrEqualTo(StoredText.KEY_LENGTH);
        assertThat(StoredText.clean(astralKey)).isSameAs(astralKey);
        assertThat(StoredText.key(null)).isNull();
    }

    @Test
    void aNameIsKeyedAsCleanedSoEveryCallerComputesTheSameKey() {
        String dirty = "bad\u0000name-" + "z".repeat(500) + "\uD83D";
        assertThat(StoredText.key(dirty)).isEqualTo(StoredText.key(StoredText.clean(dirty)));
        assertThat(StoredText.full(dirty)).isEqualTo(StoredText.clean(dirty));
    }

    @Test
    void onlyDataExceptionsCountAsARefusedValue() {
        java.sql.SQLException tooLong = new java.sql.SQLException("Value too long for column", "22001");
        assertThat(SqlFailure.refusedValue(new SqlFailure("insert", tooLong))).isEqualTo("Value too long for column");
        java.sql.SQLException batch = new java.sql.BatchUpdateException("Batch entry 0 was aborted", "22021", 0,
                new int[0]);
        assertThat(SqlFailure.refusedValue(new RuntimeException(batch))).isEqualTo("Batch entry 0 was aborted");
        java.sql.SQLException next = new java.sql.BatchUpdateException("batch", null, 0, new int[0]);
        next.setNextException(new java.sql.SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"));
        assertThat(SqlFailure.refusedValue(new SqlFailure("batch", next))).contains("0x00");
        assertThat(SqlFailure.refusedValue(new SqlFailure("insert", new java.sql.SQLException("gone", "08006"))))
                .as("a lost connection is no bad record").isNull();
        assertThat(SqlFailure.refusedValue(new SqlFailure("insert", new java.sql.SQLException("deadlock", "40P01"))))
                .isNull();
        assertThat(SqlFailure.refusedValue(new IllegalStateException("a bug"))).isNull();
    }
}
