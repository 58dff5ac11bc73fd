package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncProgressTest {

    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void theEtaExtrapolatesTheRateSoFar() {
        // A quarter done after 30 s: done 90 s later, 2 minutes after the start.
        assertThat(SyncProgress.eta(SyncProgress.State.RUNNING, START, 25, 100, START.plusSeconds(30)))
                .isEqualTo(START.plusSeconds(120));
    }

    @Test
    void noEtaWithoutAKnownTotalOrProgressOrWhenNotRunning() {
        assertThat(SyncProgress.eta(SyncProgress.State.RUNNING, START, 25, null, START.plusSeconds(30))).isNull();
        assertThat(SyncProgress.eta(SyncProgress.State.RUNNING, START, 0, 100, START.plusSeconds(30))).isNull();
        assertThat(SyncProgress.eta(SyncProgress.State.DONE, START, 100, 100, START.plusSeconds(30))).isNull();
        assertThat(SyncProgress.eta(SyncProgress.State.RUNNING, START, 150, 100, START.plusSeconds(30))).isNull();
    }
}
