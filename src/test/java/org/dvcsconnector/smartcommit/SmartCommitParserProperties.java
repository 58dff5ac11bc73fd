package org.dvcsconnector.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.IntRange;

/** Hostile input: the parser never throws, stays within its caps, and finishes quickly. */
class SmartCommitParserProperties {

    @Property(tries = 300)
    void anyUnicodeIsSafe(@ForAll @StringLength(max = 2000) String message) {
        check(message);
    }

    @Property(tries = 300)
    void grammarLikeNoiseIsSafe(@ForAll("grammarNoise") String message) {
        check(message);
    }

    @Property(tries = 20)
    void thousandsOfKeysAreBounded(@ForAll @IntRange(min = 1000, max = 20000) int keys) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < keys; i++) {
            s.append("DEMO-").append(i).append(i % 3 == 0 ? ", " : " ");
        }
        s.append("#resolve #comment done");
        List<SmartCommand> commands = check(s.toString());
        commands.forEach(c -> assertThat(c.issueKeys()).hasSizeLessThanOrEqualTo(SmartCommitParser.MAX_KEYS));
    }

    @Property(tries = 5)
    void tenMegabytesAreCappedAndQuick(@ForAll("grammarNoise") String unit) {
        String huge = unit.isEmpty() ? "x".repeat(10 << 20) : unit.repeat((10 << 20) / unit.length() + 1);
        check(huge);
    }

    @Provide
    Arbitrary<String> grammarNoise() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of("DEMO-1", "DEMO-22", "A-", "-1", "#", "#time", "#comment",
                "#start-progress", "#-", "1.5h", "1w", "2d", ".h", "99999999999999999999h", "0m", ",", " ", "\n", "\r\n",
                "\t", "\u00a0", "é", "\uD83D\uDE00", "\uD800", "KEY_1-9", "#Ünïcode"),
                Arbitraries.strings().ofMaxLength(8));
        return token.list().ofMaxSize(300).map(parts -> String.join("", parts));
    }

    private static List<SmartCommand> check(String message) {
        long started = System.nanoTime();
        List<SmartCommand> commands = SmartCommitParser.parse(message);
        assertThat(System.nanoTime() - started).as("parse time").isLessThan(2_000_000_000L);
        assertThat(commands).hasSizeLessThanOrEqualTo(SmartCommitParser.MAX_COMMANDS);
        commands.forEach(c -> {
            assertThat(c.issueKeys()).isNotEmpty();
            assertThat(c.action()).isNotNull();
        });
        return commands;
    }
}
