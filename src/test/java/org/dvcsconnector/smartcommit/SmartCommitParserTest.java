package org.dvcsconnector.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.smartcommit.SmartCommand.Comment;
import org.dvcsconnector.smartcommit.SmartCommand.Invalid;
import org.dvcsconnector.smartcommit.SmartCommand.LogWork;
import org.dvcsconnector.smartcommit.SmartCommand.Transition;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.TimeTrackingConfiguration;
import org.dvcsconnector.testing.FixedTimeTracking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SmartCommitParserTest {

    private static final SmartCommitParser PARSER = parser(FixedTimeTracking.JIRA_DEFAULT);

    private static SmartCommitParser parser(TimeTrackingConfiguration workingTime) {
        return new SmartCommitParser(new IssueKeyExtractor(FakeIssues.projects("DEMO", "OPS"), Clock.systemUTC()),
                workingTime);
    }

    private static SmartCommand cmd(List<String> keys, String text, SmartCommand.Action action) {
        return new SmartCommand(keys, text, action);
    }

    static Stream<Arguments> cases() {
        List<String> d1 = List.of("DEMO-1");
        return Stream.of(
                Arguments.of("DEMO-1 #comment text", List.of(cmd(d1, "#comment text", new Comment("text")))),
                Arguments.of("DEMO-1 #time 1w 2d 4h 30m", List.of(cmd(d1, "#time 1w 2d 4h 30m",
                        new LogWork(Duration.ofMinutes((5 * 8 + 2 * 8 + 4) * 60 + 30), "")))),
                Arguments.of("DEMO-1 #time 1.5h fixing the build", List.of(cmd(d1, "#time 1.5h fixing the build",
                        new LogWork(Duration.ofMinutes(90), "fixing the build")))),
                Arguments.of("DEMO-1 #time 1h30m", List.of(cmd(d1, "#time 1h30m", new LogWork(Duration.ofMinutes(90), "")))),
                Arguments.of("DEMO-1 #time soon", List.of(cmd(d1, "#time soon",
                        new Invalid("No time given: write e.g. #time 1w 2d 4h 30m")))),
                Arguments.of("DEMO-1 #start-progress", List.of(cmd(d1, "#start-progress", new Transition("start progress", "")))),
                Arguments.of("DEMO-1 #resolve Fixed it", List.of(cmd(d1, "#resolve Fixed it", new Transition("resolve", "Fixed it")))),
                Arguments.of("DEMO-1 #comment hi #time 1h", List.of(cmd(d1, "#comment hi", new Comment("hi")),
                        cmd(d1, "#time 1h", new LogWork(Duration.ofHours(1), "")))),
                Arguments.of("DEMO-1 DEMO-2 #resolve", List.of(cmd(List.of("DEMO-1", "DEMO-2"), "#resolve",
                        new Transition("resolve", "")))),
                Arguments.of("DEMO-1, DEMO-2 #resolve", List.of(cmd(List.of("DEMO-1", "DEMO-2"), "#resolve",
                        new Transition("resolve", "")))),
                Arguments.of("Fix login\n\nDEMO-1 #comment first\n#time 2h\nDEMO-2 #resolve", List.of(
                        cmd(d1, "#comment first", new Comment("first")), cmd(d1, "#time 2h", new LogWork(Duration.ofHours(2), "")),
                        cmd(List.of("DEMO-2"), "#resolve", new Transition("resolve", "")))),
                Arguments.of("DEMO-1 #comment see DEMO-7 for details", List.of(cmd(d1, "#comment see DEMO-7 for details",
                        new Comment("see DEMO-7 for details")))),
                Arguments.of("DEMO-1 #comment a DEMO-2 #resolve", List.of(cmd(d1, "#comment a", new Comment("a")),
                        cmd(List.of("DEMO-2"), "#resolve", new Transition("resolve", "")))),
                Arguments.of("#comment before any key DEMO-1", List.of()),
                // Every key on the line before the first command is in the group, in any position and case.
                Arguments.of("DEMO-1 fixed #123 and demo-2 #comment x", List.of(cmd(List.of("DEMO-1", "DEMO-2"),
                        "#comment x", new Comment("x")))),
                Arguments.of("feature-DEMO-1 #comment x", List.of(cmd(d1, "#comment x", new Comment("x")))),
                Arguments.of("DEMO-1-login #comment x", List.of(cmd(d1, "#comment x", new Comment("x")))),
                Arguments.of("DEMO-1-OPS-2 #resolve", List.of(cmd(List.of("DEMO-1", "OPS-2"), "#resolve",
                        new Transition("resolve", "")))),
                Arguments.of("#DEMO-1 #comment x", List.of(cmd(d1, "#comment x", new Comment("x")))),
                Arguments.of("DEMO-1\nDEMO-2 #resolve", List.of(cmd(List.of("DEMO-1", "DEMO-2"), "#resolve",
                        new Transition("resolve", "")))),
                Arguments.of("Merge branch 'DEMO-5-x'\n\nDEMO-1 #comment x", List.of(cmd(d1, "#comment x",
                        new Comment("x")))),
                Arguments.of("DEMO-1 fix the login\n#comment x", List.of()),
                Arguments.of("DEMO-1 #comment a DEMO-2-login #resolve", List.of(cmd(d1, "#comment a", new Comment("a")),
                        cmd(List.of("DEMO-2"), "#resolve", new Transition("resolve", "")))),
                Arguments.of("DEMO-1 #comment first\nsee DEMO-5 too\n#time 2h", List.of(cmd(d1, "#comment first",
                        new Comment("first")), cmd(d1, "#time 2h", new LogWork(Duration.ofHours(2), "")))),
                // Only keys the commit links: of existing projects, by the same rules.
                Arguments.of("xDEMO-1 #comment x", List.of()),
                Arguments.of("NOPE-1 #comment x", List.of()),
                Arguments.of("UTF-8 #comment x", List.of()),
                Arguments.of("DEMO-1x #comment x", List.of()),
                Arguments.of("DEMO\u20101 #comment x", List.of()),
                Arguments.of("DEMO-1 #comment", List.of(cmd(d1, "#comment", new Invalid("The comment is empty")))),
                Arguments.of("Merge branch 'DEMO-1-login'", List.of()),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parses(String message, List<SmartCommand> expected) {
        assertThat(PARSER.parse(message)).isEqualTo(expected);
    }

    @Test
    void nullMessageHasNoCommands() {
        assertThat(PARSER.parse(null)).isEmpty();
    }

    @Test
    void timeUsesTheSitesWorkingDayAndWeek() {
        SmartCommitParser sevenHourDays = parser(FixedTimeTracking.of("7", "5"));
        assertThat(only(sevenHourDays.parse("DEMO-1 #time 1d"))).isEqualTo(new LogWork(Duration.ofHours(7), ""));
        assertThat(only(sevenHourDays.parse("DEMO-1 #time 1w"))).isEqualTo(new LogWork(Duration.ofHours(35), ""));
        assertThat(only(sevenHourDays.parse("DEMO-1 #time 1w 2d 4h 30m review")))
                .isEqualTo(new LogWork(Duration.ofMinutes((35 + 14 + 4) * 60 + 30), "review"));
        assertThat(only(sevenHourDays.parse("DEMO-1 #time 0.5d"))).isEqualTo(new LogWork(Duration.ofMinutes(210), ""));

        SmartCommitParser shortWeeks = parser(FixedTimeTracking.of("7.5", "4"));
        assertThat(only(shortWeeks.parse("DEMO-1 #time 1w 1d"))).isEqualTo(new LogWork(Duration.ofMinutes(5 * 450), ""));
        assertThat(only(PARSER.parse("DEMO-1 #time 1w 1d"))).isEqualTo(new LogWork(Duration.ofHours(48), ""));
    }

    @Test
    void workingTimeOutOfRangeCountsAsJirasDefault() {
        SmartCommitParser broken = parser(FixedTimeTracking.of("0", "9"));
        assertThat(only(broken.parse("DEMO-1 #time 1w 1d"))).isEqualTo(new LogWork(Duration.ofHours(48), ""));
    }

    @Test
    void theWorkingTimeIsReadOnlyForMessagesWithCommands() {
        AtomicInteger reads = new AtomicInteger();
        SmartCommitParser counting = parser(new TimeTrackingConfiguration() {
            @Override
            public BigDecimal getHoursPerDay() {
                reads.incrementAndGet();
                return BigDecimal.valueOf(8);
            }

            @Override
            public BigDecimal getDaysPerWeek() {
                return BigDecimal.valueOf(5);
            }
        });
        counting.parse("DEMO-1 fix the login");
        counting.parse("#comment without keys");
        assertThat(reads).hasValue(0);
        counting.parse("DEMO-1 #time 1d");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aHostThatCannotSayItsProjectsFailsTheParseSoThatItIsRetried() {
        SmartCommitParser failing = new SmartCommitParser(new IssueKeyExtractor(new FakeIssues(() -> {
            throw new IllegalStateException("host down");
        }), Clock.systemUTC()), FixedTimeTracking.JIRA_DEFAULT);
        assertThat(failing.parse("DEMO-1 fix")).isEmpty(); // no command: the host is not asked
        assertThatThrownBy(() -> failing.parse("DEMO-1 #comment x")).hasMessage("host down");
    }

    @Test
    void issueCommandPairsAreCappedAtTheLinksCap() {
        StringBuilder message = new StringBuilder();
        for (int i = 1; i <= 600; i++) {
            message.append("DEMO-").append(i).append(' ');
        }
        List<SmartCommand> commands = PARSER.parse(message + "#resolve #comment dropped: over 500 pairs");
        assertThat(commands).singleElement().satisfies(c -> {
            assertThat(c.issueKeys()).hasSize(IssueKeyExtractor.MAX_KEYS).startsWith("DEMO-1").endsWith("DEMO-500");
            assertThat(c.action()).isEqualTo(new Transition("resolve", ""));
        });
        assertThat(PARSER.parse("DEMO-1 #a #b #c ".repeat(20))).hasSize(SmartCommitParser.MAX_COMMANDS);
    }

    private static SmartCommand.Action only(List<SmartCommand> commands) {
        assertThat(commands).hasSize(1);
        return commands.get(0).action();
    }

    @Test
    void transitionsMatchExactlyThenByUniquePrefix() {
        List<IssueTransition> available = List.of(new IssueTransition("11", "Start Progress", "In Progress"),
                new IssueTransition("21", "Submit for review", "In Review"), new IssueTransition("31", "Resolve", "Done"),
                new IssueTransition("32", "Resolve later", "Later"));
        assertThat(TransitionMatcher.match(available, "start progress").transition().id()).isEqualTo("11");
        assertThat(TransitionMatcher.match(available, "START-PROGRESS").transition().id()).isEqualTo("11");
        assertThat(TransitionMatcher.match(available, "resolve").transition().id()).isEqualTo("31");
        assertThat(TransitionMatcher.match(available, "sub").transition().id()).isEqualTo("21");
        assertThat(TransitionMatcher.match(available, "res").problem()).contains("several");
        assertThat(TransitionMatcher.match(available, "close").problem()).contains("No transition 'close'");
    }
}
