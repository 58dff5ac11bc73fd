package org.dvcsconnector.issuekey;

import static org.assertj.core.api.Assertions.assertThat;
import org.dvcsconnector.testing.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IssueKeyExtractorTest {

    @Test
    void keepsOnlyKeysOfExistingProjectsAndCachesTheProjectsBriefly() {
        Set<String> projects = new HashSet<>(Set.of("DEMO"));
        AtomicInteger loads = new AtomicInteger();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        IssueKeyExtractor extractor = new IssueKeyExtractor(new FakeIssues(() -> {
            loads.incrementAndGet();
            return projects;
        }), clock);

        assertThat(extractor.extract("DEMO-1 OPS-2 utf-8")).containsExactly(new IssueKey("DEMO-1", "DEMO"));
        projects.add("OPS");
        assertThat(extractor.extract("OPS-2")).isEmpty(); // still cached
        clock.advance(IssueKeyExtractor.CACHE_TTL.plusSeconds(1));
        assertThat(extractor.extract("OPS-2")).containsExactly(new IssueKey("OPS-2", "OPS"));
        assertThat(extractor.extract("no keys here")).isEmpty();
        assertThat(loads.get()).isEqualTo(2);
    }

    @Test
    void aWordWithAnUnderscoreIsItsWholeProjectIfThatExistsElseItsPartAfterTheLastUnderscore() {
        IssueKeyExtractor plain = extractor("JRA");
        IssueKeyExtractor both = extractor("JRA", "BRANCHNAME_JRA");
        assertThat(plain.extract("branchname_JRA-96")).containsExactly(new IssueKey("JRA-96", "JRA"));
        assertThat(both.extract("branchname_JRA-96")).containsExactly(new IssueKey("BRANCHNAME_JRA-96", "BRANCHNAME_JRA"));
        assertThat(extractor("OPS").extract("branchname_JRA-96")).isEmpty();
    }

    @Test
    void keysPerItemAreCappedAtJirasFiveHundredAcrossAllItsTexts() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            text.append("DEMO-").append(i).append(i % 2 == 0 ? " " : "-");
        }
        IssueKeyExtractor keys = extractor("DEMO");
        List<IssueKey> found = keys.extract(text.toString());
        assertThat(found).hasSize(IssueKeyExtractor.MAX_KEYS).doesNotHaveDuplicates();
        assertThat(found.get(0).key()).isEqualTo("DEMO-1");
        assertThat(found.get(499).key()).isEqualTo("DEMO-500");

        // A pull request: its title and its source branch are one item.
        assertThat(keys.extract("DEMO-1 fix the login", "feature/DEMO-1-login", null, "bugfix-DEMO-2"))
                .extracting(IssueKey::key).containsExactly("DEMO-1", "DEMO-2");
        assertThat(keys.extract(text.toString(), "DEMO-100001")).hasSize(IssueKeyExtractor.MAX_KEYS);
    }

    @Test
    void candidatesOfProjectsThatDoNotExistUseUpNoCap() {
        String junk = "UTF-8 SHA-256 x-ray-1 NOPE-7 ".repeat(25_000); // 100,000 candidates, no project
        assertThat(extractor("DEMO").extract(junk + "feature-DEMO-9")).containsExactly(new IssueKey("DEMO-9", "DEMO"));
    }

    @Test
    void tenMegabytesOfLookAlikesLinkNothing() {
        String lookAlikes = "DEMO\u20101 DEMO\u22122 DEMO-\uff13 DEMO-\u0664 \uff24\uff25\uff2d\uff2f-5 DEMO-6\uff17 ";
        String huge = lookAlikes.repeat((10 << 20) / lookAlikes.length() + 1);
        assertThat(huge.length()).isGreaterThan(10 << 20);
        assertThat(extractor("DEMO").extract(huge)).isEmpty();
        assertThat(extractor("DEMO").extract(huge + "DEMO\u2010DEMO-8")).containsExactly(new IssueKey("DEMO-8", "DEMO"));
    }

    @Test
    void matchesSayWhereEachKeyIsWrittenEveryTime() {
        String text = "DEMO-1 and demo-1, branchname_DEMO-2, NOPE-3";
        List<IssueKeyMatch> matches = extractor("DEMO").matches(text, 10);
        assertThat(matches).extracting(m -> m.key().key()).containsExactly("DEMO-1", "DEMO-1", "DEMO-2");
        assertThat(matches).extracting(m -> text.substring(m.start(), m.end())).containsExactly("DEMO-1", "demo-1", "DEMO-2");
        assertThat(extractor("DEMO").matches(text, 2)).hasSize(2);
    }

    private static IssueKeyExtractor extractor(String... projects) {
        return new IssueKeyExtractor(FakeIssues.projects(projects), Clock.systemUTC());
    }
}
