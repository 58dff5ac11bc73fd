package org.dvcsconnector.issuekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IssueKeyScannerTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", quoteCharacter = '"', value = {
        "DEMO-1 fix login                 | DEMO-1",
        "demo-12: lower case              | DEMO-12",
        "Fix (DEMO-1) and [OPS-22].       | DEMO-1 OPS-22",
        "feature/DEMO-7-login             | DEMO-7",
        "bugfix/demo-7_x                  | NONE",
        "DEMO-1y                          | NONE",
        "x-DEMO-1y                        | NONE",
        "x-DEMO-1                         | NONE",
        "fooDEMO-1 (one word: project FOODEMO) | FOODEMO-1",
        "_DEMO-1                          | NONE",
        "ÄDEMO-1                          | NONE",
        "UTF-8 text                       | UTF-8",
        "D-1 single-letter project        | NONE",
        "DEMO-                            | NONE",
        "DEMO-x                           | NONE",
        "DEMO-1-2                         | DEMO-1",
        "AB_C2-9,DEMO-1                   | AB_C2-9 DEMO-1",
        "DEMO-1 DEMO-1 demo-1             | DEMO-1",
        "http://x/browse/DEMO-3?focus     | DEMO-3",
        "DEMO-1234567890 too many digits  | NONE",
        "2DEMO-1 digit first              | NONE",
        "DEMO-1\\nOPS-2                   | DEMO-1 OPS-2",
        "Merge branch 'DEMO-5-x' into main | DEMO-5",
    })
    void findsKeysByTheDocumentedRules(String text, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(" "));
        assertThat(IssueKeyScanner.candidates(text.replace("\\n", "\n"))).isEqualTo(want);
    }

    @Test
    void emptyAndNullTextHaveNoKeys() {
        assertThat(IssueKeyScanner.candidates(null)).isEmpty();
        assertThat(IssueKeyScanner.candidates("")).isEmpty();
    }

    @Test
    void keysPerTextAreCapped() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            text.append("DEMO-").append(i).append(' ');
        }
        List<String> keys = IssueKeyScanner.candidates(text.toString());
        assertThat(keys).hasSize(IssueKeyScanner.MAX_KEYS).startsWith("DEMO-1", "DEMO-2");
    }

    @Test
    void hostileInputIsScannedInLinearTime() {
        String[] hostile = {
            "A".repeat(2_000_000),
            "AB-".repeat(700_000),
            "AB_".repeat(700_000) + "-",
            "-A-1".repeat(500_000),
            "AB-1A".repeat(400_000),
            ("Z".repeat(29) + "-" + "9".repeat(10)).repeat(50_000),
        };
        for (String text : hostile) {
            assertThatCode(() -> {
                long start = System.nanoTime();
                IssueKeyScanner.candidates(text);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }).doesNotThrowAnyException();
        }
    }
}
