package org.dvcsconnector.issuekey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tokenizer alone: candidates and their readings, before any project is known (KeyFormsTest has the rest). */
class IssueKeyScannerTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", quoteCharacter = '"', value = {
        "DEMO-1 fix login                 | DEMO-1",
        "demo-12: lower case              | DEMO-12",
        "Fix (DEMO-1) and [OPS-22].       | DEMO-1 OPS-22",
        "feature/DEMO-7-login             | DEMO-7",
        "bugfix/demo-7_x                  | DEMO-7",
        "x-DEMO-1                         | DEMO-1",
        "feature-DEMO-1                   | DEMO-1",
        "DEMO-1-DEMO-2                    | DEMO-1 DEMO-2",
        "DEMO-1y                          | NONE",
        "x-DEMO-1y                        | NONE",
        "fooDEMO-1 (one word: project FOODEMO) | FOODEMO-1",
        "_DEMO-1                          | DEMO-1",
        "branchname_JRA-96                | BRANCHNAME_JRA-96/JRA-96",
        "a_b_JRA-96                       | A_B_JRA-96/JRA-96",
        "_b_-1                            | NONE",
        "ÄDEMO-1                          | NONE",
        "Ä_DEMO-1                         | DEMO-1",
        "UTF-8 text                       | UTF-8",
        "D-1 single-letter project        | NONE",
        "DEMO-                            | NONE",
        "DEMO-x                           | NONE",
        "DEMO-1-2                         | DEMO-1",
        "AB_C2-9,DEMO-1                   | AB_C2-9/C2-9 DEMO-1",
        "DEMO-1 DEMO-1 demo-1             | DEMO-1 DEMO-1 DEMO-1",
        "http://x/browse/DEMO-3?focus     | DEMO-3",
        "DEMO-123456789 nine digits       | DEMO-123456789",
        "DEMO-1234567890 too many digits  | NONE",
        "2DEMO-1 digit first              | NONE",
        "Merge branch 'DEMO-5-x' into main | DEMO-5",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCD-1 | ABCDEFGHIJKLMNOPQRSTUVWXYZABCD-1",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE-1 | NONE",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDE_JRA-1 | JRA-1",
    })
    void findsCandidatesByTheDocumentedRules(String text, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(IssueKeyScanner.candidates(text).stream().map(IssueKeyScannerTest::readings).toList())
                .isEqualTo(want);
    }

    @Test
    void readingsSayWhereEachKeyIsWrittenAndItsProject() {
        String text = "see branchname_jra-96, then ABC-1";
        List<KeyCandidate> candidates = IssueKeyScanner.candidates(text);
        assertThat(candidates).hasSize(2);
        IssueKeyMatch whole = candidates.get(0).readings().get(0);
        IssueKeyMatch tail = candidates.get(0).readings().get(1);
        assertThat(whole.key()).isEqualTo(new IssueKey("BRANCHNAME_JRA-96", "BRANCHNAME_JRA"));
        assertThat(text.substring(whole.start(), whole.end())).isEqualTo("branchname_jra-96");
        assertThat(tail.key()).isEqualTo(new IssueKey("JRA-96", "JRA"));
        assertThat(text.substring(tail.start(), tail.end())).isEqualTo("jra-96");
        IssueKeyMatch abc = candidates.get(1).readings().get(0);
        assertThat(text.substring(abc.start(), abc.end())).isEqualTo("ABC-1");
    }

    @Test
    void emptyAndNullTextHaveNoCandidates() {
        assertThat(IssueKeyScanner.candidates(null)).isEmpty();
        assertThat(IssueKeyScanner.candidates("")).isEmpty();
    }

    @Test
    void theScanStopsWhenTheSinkSaysSo() {
        List<KeyCandidate> seen = new ArrayList<>();
        IssueKeyScanner.scan("AB-1 AB-2 AB-3 AB-4", c -> seen.add(c) && seen.size() < 2);
        assertThat(seen).hasSize(2);
    }

    /**
     * Linear time without a stopwatch: the scanner reads the text only through {@code charAt}, so counting the reads
     * measures its work. A character is read a bounded number of times (as part of a word, as a digit after a hyphen,
     * as what follows the digits, once more to build a key), so every text takes at most four reads per character,
     * whatever its size; a quadratic scan would take hundreds of thousands.
     */
    @Test
    void hostileInputTakesAtMostFourReadsPerCharacter() {
        String[] hostile = {
            "A".repeat(1 << 20),
            "AB-".repeat(350_000),
            "AB_".repeat(350_000) + "-",
            "-A-1".repeat(250_000),
            "AB-1A".repeat(200_000),
            "A-1-".repeat(250_000),
            "AB-1-".repeat(200_000),
            "AB-1_".repeat(200_000),
            "AB-123456789".repeat(90_000),
            "AB-123456789-".repeat(80_000),
            ("Z".repeat(29) + "-" + "9".repeat(10)).repeat(25_000),
            "_".repeat(1 << 20) + "AB-1",
            "é".repeat(1 << 20) + "-1",
            "\uD83D\uDE00".repeat(1 << 19),
            "AB-1\u2010".repeat(200_000),
        };
        for (String text : hostile) {
            CountingText counted = new CountingText(text);
            int[] candidates = {0};
            IssueKeyScanner.scan(counted, c -> ++candidates[0] > 0);
            assertThat(counted.reads).as("reads of a %d-character text starting %s", text.length(),
                    text.substring(0, 12)).isLessThanOrEqualTo(4L * text.length() + 16);
        }
    }

    @Test
    void tenMegabytesOfKeysAreScannedInLinearWork() {
        StringBuilder text = new StringBuilder(10 << 20);
        for (int i = 0; text.length() < 10 << 20; i++) {
            text.append("feature-ABC-").append(i % 100_000).append("_x ");
        }
        CountingText counted = new CountingText(text);
        int[] candidates = {0};
        IssueKeyScanner.scan(counted, c -> ++candidates[0] > 0);
        assertThat(candidates[0]).isGreaterThan(500_000);
        assertThat(counted.reads).isLessThanOrEqualTo(4L * text.length());
    }

    private static String readings(KeyCandidate candidate) {
        return String.join("/", candidate.readings().stream().map(r -> r.key().key()).toList());
    }

    /** A text that counts how often it is read. */
    private static final class CountingText implements CharSequence {
        private final CharSequence text;
        long reads;

        CountingText(CharSequence text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new AssertionError("the scanner reads characters one by one");
        }

        @Override
        public String toString() {
            throw new AssertionError("the scanner reads characters one by one");
        }
    }
}
