package org.dvcsconnector.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntFunction;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.bitbucket.RequestBudget;

/**
 * When each repository's sync should be done, from the requests it still needs and its account's request budget.
 *
 * <p><b>Requests left.</b> A full sync's older history lists commits newest first, 100 a page. What is left is
 * estimated from how much of the repository's life the listing has covered: the commits listed so far, over the
 * time from the newest commit down to the oldest one reached, against the time back to the repository's
 * {@code created_on}. Plus a page of closed pull requests; a queued soft sync costs two requests. Unknown before the
 * recent work is stored, without {@code created_on}, or for history older than the repository (an import).
 *
 * <p><b>Time.</b> An account's repositories share one budget and take turns, so a repository needing {@code p}
 * requests is done once every repository has spent up to {@code p} more: {@code Σ min(p_j, p)}. Those requests are
 * projected over the budget as it stands: what it counts now stops counting as the rolling hour passes, what the
 * projection spends counts for the budget's window, and requests go at the pace the account's running syncs show
 * (or {@value #DEFAULT_PACE} a second). A pause by Bitbucket's rate limit starts the projection when it ends.
 *
 * <p><b>It does not run backwards.</b> Spending requests at the pace and within the budget the projection assumes
 * leaves its ETA where it was: the time left shrinks as the clock advances. It moves when the estimate of what is
 * left moves (the estimate converges as the history's dates come in) or the pace does.
 */
final class SyncForecast {

    static final double DEFAULT_PACE = 2.0;
    /** A projection needing more steps than this (weeks at the smallest budget) is no forecast. */
    private static final int MAX_STEPS = 200_000;
    private static final Duration MIN_OBSERVED = Duration.ofSeconds(5);

    private SyncForecast() {}

    /** When {@code requests} are done and whether the budget (not the pace) decides it; null when never or too far. */
    record Projection(Instant at, boolean budgetBound) {}

    /** Every repository's progress with its forecast; repositories with nothing left keep a null ETA. */
    static Map<Integer, SyncProgress> apply(Map<Integer, SyncProgress> progress, List<RepositoryEntity> repositories,
            IntFunction<RequestBudget> budgets, Instant now) {
        Map<Integer, List<RepositoryEntity>> byAccount = new HashMap<>();
        for (RepositoryEntity repository : repositories) {
            if (repository.isLinked() && !repository.isDeleted() && progress.containsKey(repository.getID())) {
                byAccount.computeIfAbsent(repository.getAccountId(), id -> new ArrayList<>()).add(repository);
            }
        }
        Map<Integer, SyncProgress> out = new HashMap<>(progress);
        byAccount.forEach((accountId, members) -> forecastAccount(out, members, budgets.apply(accountId), now));
        return out;
    }

    private static void forecastAccount(Map<Integer, SyncProgress> out, List<RepositoryEntity> members,
            RequestBudget budget, Instant now) {
        Map<Integer, Integer> pages = new HashMap<>();
        Map<Integer, Integer> left = new HashMap<>();
        Instant notBefore = now;
        double paceSum = 0;
        for (RepositoryEntity repository : members) {
            SyncProgress p = out.get(repository.getID());
            Integer pagesLeft = pagesLeft(p.history(), repository.getCreatedOn());
            pages.put(repository.getID(), pagesLeft);
            left.put(repository.getID(), requestsLeft(p, pagesLeft));
            if (p.state() == SyncProgress.State.PAUSED && p.pauseReason() == RateLimitedException.Reason.RATE_LIMIT
                    && p.resumesAt() != null && p.resumesAt().isAfter(notBefore)) {
                notBefore = p.resumesAt();
            }
            paceSum += pace(p, now);
        }
        double pace = paceSum > 0 ? paceSum : DEFAULT_PACE;
        RequestBudget.Usage usage = budget.usage();
        for (RepositoryEntity repository : members) {
            int id = repository.getID();
            Integer mine = left.get(id);
            Projection at = null;
            if (mine != null && mine > 0) {
                long before = 0; // requests spent, the account over, until this repository is done
                for (Integer other : left.values()) {
                    before += other == null ? mine : Math.min(other, mine);
                }
                at = project(before, usage, notBefore, pace);
            }
            out.put(id, out.get(id).forecast(pages.get(id), mine, at == null ? null : at.at(),
                    at != null && at.budgetBound() ? usage.perHour() : null));
        }
    }

    /** Commit pages the older history should still need; 0 when none is pending, null when unknown. */
    static Integer pagesLeft(SyncProgress.History history, Long createdOn) {
        if (history == null) {
            return null;
        }
        if (history.complete() || history.pagesLeft() != null) {
            return history.complete() ? 0 : history.pagesLeft();
        }
        if (createdOn == null || history.newestCommitAt() == null || history.reachedCommitAt() == null) {
            return null;
        }
        long newest = history.newestCommitAt().toEpochMilli();
        long reached = history.reachedCommitAt().toEpochMilli();
        long life = newest - createdOn;
        long covered = newest - reached;
        if (life <= 0 || covered <= 0 || reached <= createdOn || history.commitsListed() <= 0) {
            return null; // one instant, or history older than the repository: no base for an estimate
        }
        double total = history.commitsListed() * (double) life / covered;
        double remaining = Math.max(0, total - history.commitsListed());
        return (int) Math.max(1, Math.ceil(remaining / RepositoryReader.PAGELEN));
    }

    /** Requests the repository's sync should still need; null when unknown. */
    static Integer requestsLeft(SyncProgress p, Integer pagesLeft) {
        boolean busy = p.state() == SyncProgress.State.QUEUED || p.state() == SyncProgress.State.RUNNING
                || p.state() == SyncProgress.State.PAUSED;
        if (!p.recentSynced()) {
            return null; // its size is unknown until its recent work is stored
        }
        if (p.history() == null || p.history().complete()) {
            return busy ? 2 : 0;
        }
        return pagesLeft == null ? null : pagesLeft + 1;
    }

    /** The requests a second a running sync shows; 0 when it is not running or too young to tell. */
    private static double pace(SyncProgress p, Instant now) {
        if (p.state() != SyncProgress.State.RUNNING || p.startedAt() == null || p.requests() < 5) {
            return 0;
        }
        Duration elapsed = Duration.between(p.startedAt(), now);
        return elapsed.compareTo(MIN_OBSERVED) < 0 ? 0 : p.requests() / (elapsed.toMillis() / 1000.0);
    }

    /**
     * When {@code requests} requests, sent at {@code pace} a second from {@code start} whenever the budget allows, are
     * done; null when that is never or too far off.
     */
    static Projection project(long requests, RequestBudget.Usage usage, Instant start, double pace) {
        if (requests <= 0) {
            return null;
        }
        long t = start.toEpochMilli();
        PriorityQueue<double[]> counted = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        double available = usage.perHour();
        for (RequestBudget.Counted c : usage.counted()) {
            if (c.until().toEpochMilli() > t) {
                counted.add(new double[] {c.until().toEpochMilli(), c.requests()});
                available -= c.requests();
            }
        }
        if (requests <= available) {
            return new Projection(Instant.ofEpochMilli(t + millis(requests, pace)), false);
        }
        double left = requests;
        long window = usage.window().toMillis();
        for (int step = 0; step < MAX_STEPS; step++) {
            while (!counted.isEmpty() && counted.peek()[0] <= t) {
                available += counted.poll()[1];
            }
            if (available >= 1) {
                double n = Math.min(left, Math.min(Math.floor(available), pace * 60));
                long dt = millis(n, pace);
                if (n >= left) {
                    return new Projection(Instant.ofEpochMilli(t + dt), true);
                }
                left -= n;
                available -= n;
                counted.add(new double[] {t + window, n});
                t += Math.max(dt, 1);
            } else if (counted.isEmpty()) {
                return null; // a budget of nothing
            } else {
                t = (long) counted.peek()[0];
            }
        }
        return null;
    }

    private static long millis(double requests, double pace) {
        return (long) Math.ceil(requests / pace * 1000);
    }
}
