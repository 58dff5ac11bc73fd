package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class SyncForecastTest {

    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(61);

    private static SyncProgress.History history(int listed, Instant newest, Instant reached) {
        return new SyncProgress.History(false, listed, newest, reached, null);
    }

    @Test
    void pagesLeftComeFromTheShareOfTheRepositorysLifeTheListingCovered() {
        // 100 commits cover the last day of a repository created 100 days ago: about 10,000 in all, 99 pages left.
        SyncProgress.History h = history(100, T, T.minus(Duration.ofDays(1)));
        assertThat(SyncForecast.pagesLeft(h, T.minus(Duration.ofDays(100)).toEpochMilli())).isEqualTo(99);
        // Further down, the estimate is of what is left.
        SyncProgress.History later = history(5_000, T, T.minus(Duration.ofDays(50)));
        assertThat(SyncForecast.pagesLeft(later, T.minus(Duration.ofDays(100)).toEpochMilli())).isEqualTo(50);
    }

    @Test
    void pagesLeftAreUnknownWithoutABase() {
        SyncProgress.History h = history(100, T, T.minus(Duration.ofDays(1)));
        assertThat(SyncForecast.pagesLeft(h, null)).as("no created_on").isNull();
        assertThat(SyncForecast.pagesLeft(null, 0L)).as("recent work not stored yet").isNull();
        assertThat(SyncForecast.pagesLeft(history(100, T, T), 0L)).as("all at one instant").isNull();
        assertThat(SyncForecast.pagesLeft(h, T.minus(Duration.ofHours(1)).toEpochMilli()))
                .as("history older than the repository: an import").isNull();
        assertThat(SyncForecast.pagesLeft(new SyncProgress.History(true, 9, T, T, 0), null)).isZero();
        assertThat(SyncForecast.pagesLeft(new SyncProgress.History(false, 9, T, T, 0), null)).as("every page listed")
                .isZero();
    }

    @Test
    void withinTheBudgetTheEtaIsThePace() {
        RequestBudget.Usage fresh = new RequestBudget.Usage(900, List.of(), WINDOW);
        SyncForecast.Projection p = SyncForecast.project(100, fresh, T, 2.0);
        assertThat(p.at()).isEqualTo(T.plusSeconds(50));
        assertThat(p.budgetBound()).isFalse();
        assertThat(SyncForecast.project(0, fresh, T, 2.0)).isNull();
    }

    @Test
    void aSpentBudgetStartsWhenItsRequestsStopCounting() {
        RequestBudget.Usage spent = new RequestBudget.Usage(900,
                List.of(new RequestBudget.Counted(T.plus(Duration.ofMinutes(30)), 900)), WINDOW);
        SyncForecast.Projection p = SyncForecast.project(100, spent, T, 2.0);
        assertThat(p.at()).isEqualTo(T.plus(Duration.ofMinutes(30)).plusSeconds(50));
        assertThat(p.budgetBound()).isTrue();
        assertThat(p.at()).as("never before the pause ends").isAfter(T.plus(Duration.ofMinutes(30)));
    }

    @Test
    void manyHoursOfWorkGoAtTheBudgetsRate() {
        RequestBudget.Usage fresh = new RequestBudget.Usage(900, List.of(), WINDOW);
        SyncForecast.Projection p = SyncForecast.project(9_000, fresh, T, 2.0);
        // Nine full hours of budget, each of 61 minutes of counting, the tenth's requests at the pace.
        Duration took = Duration.between(T, p.at());
        assertThat(took).isBetween(Duration.ofMinutes(9 * 61), Duration.ofMinutes(9 * 61 + 8));
    }

    /**
     * The ETA does not run backwards: a sync that spends requests as the projection assumes (at its pace, whenever the
     * budget allows) finds the same ETA each time it looks again, and the time left only shrinks.
     */
    @Test
    void spendingAsProjectedLeavesTheEtaWhereItWas() {
        double pace = 2.0;
        int perHour = 900;
        long left = 4_000;
        List<RequestBudget.Counted> counted = new ArrayList<>();
        Instant now = T;
        Instant first = SyncForecast.project(left, new RequestBudget.Usage(perHour, counted, WINDOW), now, pace).at();
        Duration leftBefore = Duration.between(now, first);
        while (left > 0) {
            Instant at = now;
            int used = counted.stream().filter(c -> c.until().isAfter(at)).mapToInt(RequestBudget.Counted::requests).sum();
            int spend = (int) Math.min(left, Math.min(perHour - used, pace * 60));
            if (spend > 0) {
                counted.add(new RequestBudget.Counted(now.plus(WINDOW), spend));
                left -= spend;
                now = now.plusMillis((long) Math.ceil(spend / pace * 1000));
            } else {
                now = counted.stream().map(RequestBudget.Counted::until).filter(u -> u.isAfter(at)).min(Instant::compareTo)
                        .orElseThrow();
            }
            if (left == 0) {
                break;
            }
            Instant eta = SyncForecast.project(left, new RequestBudget.Usage(perHour, counted, WINDOW), now, pace).at();
            assertThat(Duration.between(first, eta).abs()).as("ETA at %s", now).isLessThanOrEqualTo(Duration.ofSeconds(2));
            Duration leftNow = Duration.between(now, eta);
            assertThat(leftNow).as("time left at %s", now).isLessThanOrEqualTo(leftBefore);
            leftBefore = leftNow;
        }
        assertThat(Duration.between(first, now).abs()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void repositoriesSharingABudgetFinishInTurnOrder() {
        RepositoryEntity small = repository(1, T.minus(Duration.ofDays(10)));
        RepositoryEntity large = repository(2, T.minus(Duration.ofDays(100)));
        // Both 100 commits into their last day: the small one has 9 pages left (10 requests), the large one 99 (100).
        Map<Integer, SyncProgress> progress = Map.of(1, running(), 2, running());
        Map<Integer, SyncProgress> forecast = SyncForecast.apply(progress, List.of(small, large), id -> RequestBudget.UNLIMITED, T);
        assertThat(forecast.get(1).requestsLeft()).isEqualTo(10);
        assertThat(forecast.get(2).requestsLeft()).isEqualTo(100);
        // Turns: the small one is done once both spent 10; the large one after all 110.
        assertThat(forecast.get(1).eta()).isEqualTo(T.plusSeconds(10));
        assertThat(forecast.get(2).eta()).isEqualTo(T.plusSeconds(55));
        assertThat(forecast.get(2).etaRequestsPerHour()).as("no budget bounds it").isNull();
        assertThat(forecast.get(2).history().pagesLeft()).isEqualTo(99);
    }

    @Test
    void aRepositoryWhoseRecentWorkIsNotStoredHasNoEstimate() {
        SyncProgress queued = new SyncProgress(SyncProgress.State.QUEUED, SyncKind.FULL, SyncProgress.Phase.QUEUED, 0, null,
                0, null, null, null, null, null, null, false, null, null, null, null);
        Map<Integer, SyncProgress> forecast = SyncForecast.apply(Map.of(1, queued), List.of(repository(1, T)),
                id -> RequestBudget.UNLIMITED, T);
        assertThat(forecast.get(1).eta()).isNull();
        assertThat(forecast.get(1).requestsLeft()).isNull();
    }

    @Test
    void bitbucketsRateLimitStartsTheProjectionWhenItEnds() {
        RepositoryEntity r = repository(1, T.minus(Duration.ofDays(100)));
        SyncProgress paused = new SyncProgress(SyncProgress.State.PAUSED, SyncKind.HISTORY, SyncProgress.Phase.HISTORY, 0,
                null, 0, null, "Paused", null, null, T.plus(Duration.ofMinutes(20)), RateLimitedException.Reason.RATE_LIMIT,
                true, history(100, T, T.minus(Duration.ofDays(1))), null, null, null);
        SyncProgress forecast = SyncForecast.apply(Map.of(1, paused), List.of(r), id -> RequestBudget.UNLIMITED, T).get(1);
        assertThat(forecast.eta()).isEqualTo(T.plus(Duration.ofMinutes(20)).plusSeconds(50));
    }

    private static SyncProgress running() {
        return new SyncProgress(SyncProgress.State.RUNNING, SyncKind.HISTORY, SyncProgress.Phase.HISTORY, 100, null, 0,
                null, null, T, null, null, null, true, history(100, T, T.minus(Duration.ofDays(1))), null, null, null);
    }

    private static RepositoryEntity repository(int id, Instant createdOn) {
        RepositoryEntity r = Mockito.mock(RepositoryEntity.class);
        Mockito.when(r.getID()).thenReturn(id);
        Mockito.when(r.getAccountId()).thenReturn(7);
        Mockito.when(r.isLinked()).thenReturn(true);
        Mockito.when(r.getCreatedOn()).thenReturn(createdOn.toEpochMilli());
        return r;
    }
}
