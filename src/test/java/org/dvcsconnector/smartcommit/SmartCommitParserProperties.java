package org.dvcsconnector.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKey;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.testing.FixedTimeTracking;

/**
 * Hostile input: the parser never throws, stays within its caps, and never runs a command on an issue the commit
 * is not linked to. (Linear time: {@code IssueKeyScannerTest} counts the tokenizer's reads; the parser reads at most
 * {@link SmartCommitParser#MAX_CHARS} characters once.)
 */
class SmartCommitParserProperties {

    private final IssueKeyExtractor keys = new IssueKeyExtractor(FakeIssues.projects("DEMO", "KEY_1"), Clock.systemUTC());
    private final SmartCommitParser parser = new SmartCommitParser(keys, FixedTimeTracking.JIRA_DEFAULT);

    @Property(tries = 300)
    void anyUnicodeIsSafe(@ForAll @StringLength(max = 2000) String message) {
        check(message);
    }

    @Property(tries = 300)
    void grammarLikeNoiseIsSafe(@ForAll("grammarNoise") String message) {
        check(message);
    }

    @Property(tries = 300)
    void commandsRunOnlyOnIssuesTheCommitLinks(@ForAll("grammarNoise") String message) {
        List<String> linked = keys.extract(message).stream().map(IssueKey::key).toList();
        check(message).forEach(c -> assertThat(linked).containsAll(c.issueKeys()));
    }

    @Property(tries = 20)
    void thousandsOfKeysAreBounded(@ForAll @IntRange(min = 1000, max = 20000) int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append("DEMO-").append(i).append(i % 3 == 0 ? ", " : " ");
        }
        s.append("#resolve #comment done");
        List<SmartCommand> commands = check(s.toString());
        assertThat(commands.stream().mapToInt(c -> c.issueKeys().size()).sum())
                .isLessThanOrEqualTo(SmartCommitParser.MAX_ACTIONS);
    }

    @Property(tries = 5)
    void tenMegabytesAreCapped(@ForAll("grammarNoise") String unit) {
        String huge = unit.isEmpty() ? "x".repeat(10 << 20) : unit.repeat((10 << 20) / unit.length() + 1);
        check(huge);
    }

    @Provide
    Arbitrary<String> grammarNoise() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of("DEMO-1", "DEMO-22", "demo-3", "feature-DEMO-4",
                "DEMO-5-login", "DEMO-6_x", "x_DEMO-7", "#DEMO-8", "NOPE-1", "UTF-8", "A-", "-1", "-", "_", "#", "#time",
                "#comment", "#start-progress", "#-", "1.5h", "1w", "2d", ".h", "99999999999999999999h", "0m", ",", " ",
                "\n", "\r\n", "\t", "\u00a0", "é", "\u2010", "\u2212", "\uff11", "\u0661", "\uD83D\uDE00", "\uD800",
                "KEY_1-9", "#Ünïcode"), Arbitraries.strings().ofMaxLength(8));
        return token.list().ofMaxSize(300).map(parts -> String.join("", parts));
    }

    private List<SmartCommand> check(String message) {
        List<SmartCommand> commands = parser.parse(message);
        assertThat(commands).hasSizeLessThanOrEqualTo(SmartCommitParser.MAX_COMMANDS);
        commands.forEach(c -> {
            assertThat(c.issueKeys()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(c.action()).isNotNull();
        });
        return commands;
    }
}
