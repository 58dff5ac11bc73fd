package org.dvcsconnector.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The safety net's slow round: on each run, the repositories it soft-syncs although Bitbucket's listing says nothing
 * changed in them (what {@code updated_on} does not cover, such as pull-request activity, or a change the listing
 * missed). It takes the least recently attempted first, {@link #slice} of them, so that every linked repository gets
 * a soft sync within the rotation period; and never more than fits the run's share of the account's request budget,
 * reckoned by each repository's last soft sync ({@value #QUIET_SOFT_SYNC} requests when it is not known: branches
 * and pull requests, one page each).
 */
final class IdleRotation {

    /** What a soft sync of a repository where nothing changed costs: one page of branches, one of pull requests. */
    static final int QUIET_SOFT_SYNC = 2;

    /** A repository the rotation may take: when a sync of it last ended (0: never) and what a soft sync costs. */
    record Candidate(int repositoryId, long lastAttempt, int cost) {}

    private IdleRotation() {}

    /** How many repositories a run takes so that {@code repositories} are all taken within {@code period}. */
    static int slice(int repositories, Duration interval, Duration period) {
        long runs = Math.max(1, period.toMillis() / Math.max(1, interval.toMillis()));
        return (int) Math.min(repositories, (repositories + runs - 1) / runs);
    }

    /** The requests a run may spend when the whole idle cost stays within {@code share} of the hourly budget. */
    static int budget(int perHour, double share, Duration interval) {
        return (int) Math.floor(perHour * share * interval.toMillis() / Duration.ofHours(1).toMillis());
    }

    /**
     * The least recently attempted candidates, at most {@code slice} and, after the first, only while their costs fit
     * {@code requests}; the first is always taken so that the rotation moves even on a small budget.
     */
    static List<Integer> pick(List<Candidate> candidates, int slice, int requests) {
        List<Candidate> oldestFirst = new ArrayList<>(candidates);
        oldestFirst.sort(Comparator.comparingLong(Candidate::lastAttempt).thenComparingInt(Candidate::repositoryId));
        List<Integer> picked = new ArrayList<>();
        int spent = 0;
        for (Candidate candidate : oldestFirst) {
            if (picked.size() >= slice || (!picked.isEmpty() && spent + candidate.cost() > requests)) {
                break; // oldest first, strictly: a costly repository waits at the front rather than being passed over
            }
            picked.add(candidate.repositoryId());
            spent += candidate.cost();
        }
        return picked;
    }
}
