package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the safety net costs a quiet workspace of 1,000 repositories, measured from the simulator's stats over 30
 * simulated hours, hour by hour: at most 10 % of the account's hourly request budget (900) in every hour, and every
 * repository soft-synced within the rotation period (24 hours) all the while.
 */
class SafetyNetIdleCostTest {

    static final int REPOSITORIES = 1_000;
    static final int BUDGET = AccountRequestBudgets.DEFAULT_PER_HOUR;
    /** A day for the first round, and six hours of the next, once the rotation's order is by its own syncs. */
    static final int HOURS = 30;
    static IdleDay day;

    @BeforeAll
    static void linkAndSyncOnce() throws Exception {
        day = new IdleDay(REPOSITORIES);
        day.syncAllInFull();
    }

    @AfterAll
    static void close() {
        day.close();
    }

    @Test
    void aQuietWorkspaceOf1000RepositoriesCostsAtMostATenthOfTheBudgetEveryHour() throws Exception {
        SafetyNetSync safetyNet = day.safetyNet();
        List<Long> perHour = new ArrayList<>();
        List<Integer> rotated = new ArrayList<>();
        List<Duration> oldest = new ArrayList<>();
        Set<Integer> rotatedOnDayOne = new HashSet<>();
        for (int hour = 1; hour <= HOURS; hour++) {
            perHour.add(day.hour(safetyNet::runOnce));
            rotated.add(day.ranLastHour.size());
            if (hour <= 24) {
                rotatedOnDayOne.addAll(day.ranLastHour);
            }
            Instant now = day.clock.instant();
            Map<Integer, Instant> attempts = day.lastAttempts();
            assertThat(attempts).hasSize(REPOSITORIES);
            oldest.add(attempts.values().stream().map(at -> Duration.between(at, now)).max(Duration::compareTo).orElseThrow());
        }
        System.out.println("safety net, 1,000 quiet repositories, API requests per hour: " + perHour);
        System.out.println("soft syncs per hour: " + rotated);
        System.out.println("oldest sync per hour: " + oldest);
        assertThat(perHour).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BUDGET / 10));
        assertThat(perHour.stream().mapToLong(Long::longValue).sum() / (double) HOURS).as("mean").isLessThanOrEqualTo(BUDGET / 10.0);
        // 1 listing + 2 × ⌈1000/24⌉ soft-sync requests: what the plan says, not less (every repository is looked at)
        assertThat(perHour).allSatisfy(n -> assertThat(n).isBetween(1L + 2 * 41, 1L + 2 * 42));
        assertThat(rotatedOnDayOne).as("every repository soft-synced within the first 24 hours").hasSize(REPOSITORIES);
        assertThat(oldest).as("the oldest sync at the end of each hour").allSatisfy(
                age -> assertThat(age).isLessThanOrEqualTo(Duration.ofHours(24)));
        assertThat(day.fixture.stats().path("rateLimited").asInt()).isZero();
    }
}
