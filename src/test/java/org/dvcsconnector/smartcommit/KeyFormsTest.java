package org.dvcsconnector.smartcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKey;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.testing.FixedTimeTracking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of key forms ({@code issuekey/key-forms.txt}): how people name branches and write messages, each with
 * the keys it must give. Every form runs through both paths, and both must give exactly those keys: linking (the
 * extractor sync uses for commit messages, branch names, pull-request titles and source branches) and smart
 * commits (the form followed by {@code #comment x} comments on exactly the linked issues).
 */
class KeyFormsTest {

    static final List<String> PROJECTS = List.of("ABC", "JRA", "DEMO", "OPS", "XY", "AB1", "FOO_BAR", "BAR");

    private final IssueKeyExtractor keys = new IssueKeyExtractor(FakeIssues.projects(PROJECTS.toArray(String[]::new)),
            Clock.systemUTC());
    private final SmartCommitParser smartCommits = new SmartCommitParser(keys, FixedTimeTracking.JIRA_DEFAULT);

    record KeyForm(String text, List<String> keys, int line) {
        @Override
        public String toString() {
            return "line " + line + ": " + text.replace("\n", "\\n") + " => " + (keys.isEmpty() ? "NONE" : keys);
        }
    }

    static List<KeyForm> forms() {
        List<KeyForm> forms = new ArrayList<>();
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("//")) {
                continue;
            }
            int arrow = line.lastIndexOf(" => ");
            String expected = line.substring(arrow + 4).strip();
            forms.add(new KeyForm(unescape(line.substring(0, arrow)),
                    expected.equals("NONE") ? List.of() : Arrays.asList(expected.split(" ")), i + 1));
        }
        return forms;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void linkingAndSmartCommitsGiveTheSameKeys(KeyForm form) {
        assertThat(keys.extract(form.text()).stream().map(IssueKey::key).toList()).as("linked").isEqualTo(form.keys());

        List<SmartCommand> commands = smartCommits.parse(form.text() + " #comment x");
        if (form.keys().isEmpty()) {
            assertThat(commands).as("smart commits").isEmpty();
        } else {
            assertThat(commands).as("smart commits")
                    .containsExactly(new SmartCommand(form.keys(), "#comment x", new SmartCommand.Comment("x")));
        }
    }

    @Test
    void theTableHoldsOverAHundredFormsBothLinkedAndNot() {
        List<KeyForm> forms = forms();
        assertThat(forms).hasSizeGreaterThanOrEqualTo(100);
        assertThat(forms.stream().filter(f -> f.keys().isEmpty()).count()).isGreaterThanOrEqualTo(30);
        assertThat(forms.stream().map(KeyForm::text).distinct().count()).isEqualTo(forms.size());
    }

    private static List<String> lines() {
        try (InputStream in = KeyFormsTest.class.getResourceAsStream("/issuekey/key-forms.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code \n}, {@code \t}, {@code \\} and {@code \}{@code uXXXX}, so the table shows invisible characters. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("Unknown escape \\" + next + " in " + s);
            }
        }
        return out.toString();
    }
}
