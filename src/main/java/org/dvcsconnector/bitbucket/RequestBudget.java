package org.dvcsconnector.bitbucket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many requests one account may still send to Bitbucket. Bitbucket limits each consumer to about 1,000
 * requests an hour; an account's budget keeps one large workspace from spending what others linked through
 * the same consumer need, and pauses its syncs (rather than hammering into 429s) once spent.
 */
public interface RequestBudget {

    /** Takes one request from the budget: empty when granted, else when the budget has room again. */
    Optional<Instant> take();

    /** The budget's size, for messages ("900 requests/hour"). */
    int perHour();

    /** What the budget counts now: for "used N of M this hour" and for forecasts. */
    default Usage usage() {
        return new Usage(perHour(), List.of(), java.time.Duration.ofHours(1));
    }

    /**
     * The requests a budget of {@code perHour} counts now, in groups, each with when it stops counting (a rolling
     * hour gives them back as they age out); a request taken now counts for {@code window}.
     */
    record Usage(int perHour, List<Counted> counted, java.time.Duration window) {

        public Usage {
            counted = List.copyOf(counted);
        }

        /** Requests counted now. */
        public int used() {
            return counted.stream().mapToInt(Counted::requests).sum();
        }

        /** Requests that may be sent now. */
        public int left() {
            return Math.max(0, perHour - used());
        }
    }

    /** {@code requests} taken that count against the budget until {@code until}. */
    record Counted(Instant until, int requests) {}

    RequestBudget UNLIMITED = new RequestBudget() {
        @Override
        public Optional<Instant> take() {
            return Optional.empty();
        }

        @Override
        public int perHour() {
            return Integer.MAX_VALUE;
        }
    };
}
