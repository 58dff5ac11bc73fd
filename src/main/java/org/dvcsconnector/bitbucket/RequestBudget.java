package org.dvcsconnector.bitbucket;

import java.time.Instant;
import java.util.Optional;

/**
 * How many requests one account may still send to Bitbucket. Bitbucket limits each user to about 1,000
 * requests an hour; an account's budget keeps one large workspace from spending what others linked through
 * the same user need, and pauses its syncs (rather than hammering into 429s) once spent.
 */
public interface RequestBudget {

    /** Takes one request from the budget: empty when granted, else when the budget has room again. */
    Optional<Instant> take();

    /** The budget's size, for messages ("1,000 requests an hour"). */
    int perHour();

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
