package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleRotationTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void aSliceCoversEveryRepositoryWithinThePeriod() {
        assertThat(IdleRotation.slice(1_000, HOUR, DAY)).isEqualTo(42); // 24 × 42 = 1,008
        assertThat(IdleRotation.slice(48, HOUR, DAY)).isEqualTo(2);
        assertThat(IdleRotation.slice(5, HOUR, DAY)).isEqualTo(1);
        assertThat(IdleRotation.slice(0, HOUR, DAY)).isZero();
        assertThat(IdleRotation.slice(1_000, Duration.ofMinutes(15), DAY)).isEqualTo(11); // 96 runs
        assertThat(IdleRotation.slice(10, Duration.ofHours(2), HOUR)).as("a period shorter than the interval").isEqualTo(10);
    }

    @Test
    void theShareOfTheBudgetIsPerRun() {
        assertThat(IdleRotation.budget(900, 0.10, HOUR)).isEqualTo(90);
        assertThat(IdleRotation.budget(900, 0.10, Duration.ofMinutes(15))).isEqualTo(22);
        assertThat(IdleRotation.budget(10, 0.10, Duration.ofMinutes(5))).isZero();
    }

    @Test
    void takesTheLeastRecentlyAttemptedFirstAndNeverMoreThanTheSlice() {
        List<IdleRotation.Candidate> candidates = List.of(new IdleRotation.Candidate(1, 300, 2),
                new IdleRotation.Candidate(2, 0, 2), new IdleRotation.Candidate(3, 100, 2),
                new IdleRotation.Candidate(4, 100, 2), new IdleRotation.Candidate(5, 200, 2));
        assertThat(IdleRotation.pick(candidates, 3, 100)).containsExactly(2, 3, 4);
        assertThat(IdleRotation.pick(candidates, 10, 100)).containsExactly(2, 3, 4, 5, 1);
    }

    @Test
    void stopsAtTheBudgetButAlwaysMovesOn() {
        List<IdleRotation.Candidate> candidates = List.of(new IdleRotation.Candidate(1, 10, 40),
                new IdleRotation.Candidate(2, 20, 2), new IdleRotation.Candidate(3, 30, 2));
        assertThat(IdleRotation.pick(candidates, 3, 20)).as("the costly oldest goes first, alone").containsExactly(1);
        assertThat(IdleRotation.pick(candidates, 3, 44)).containsExactly(1, 2, 3);
        assertThat(IdleRotation.pick(candidates.subList(1, 3), 3, 2)).containsExactly(2);
        assertThat(IdleRotation.pick(candidates.subList(1, 3), 3, 0)).containsExactly(2);
    }
}
