package org.dvcsconnector.issuekey;

import static org.assertj.core.api.Assertions.assertThat;
import org.dvcsconnector.testing.MutableClock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
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
}
