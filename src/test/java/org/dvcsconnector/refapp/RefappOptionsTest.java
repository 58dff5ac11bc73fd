package org.dvcsconnector.refapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line's time-tracking options: the refapp's working time at start, left alone when not given. */
class RefappOptionsTest {

    @Test
    void workingTimeIsUnsetUnlessGiven() {
        RefappOptions options = RefappOptions.parse("--port", "0");
        assertThat(options.hoursPerDay()).isNull();
        assertThat(options.daysPerWeek()).isNull();
    }

    @Test
    void workingTimeTakesDecimalsAndSurvivesAnotherPort() {
        RefappOptions options = RefappOptions.parse("--hours-per-day", "7.5", "--days-per-week", "4").withPort(1234);
        assertThat(options.hoursPerDay()).isEqualByComparingTo("7.5");
        assertThat(options.daysPerWeek()).isEqualByComparingTo("4");
        assertThat(options.port()).isEqualTo(1234);
    }

    @Test
    void aWorkingTimeThatIsNoNumberIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> RefappOptions.parse("--hours-per-day", "seven"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--hours-per-day");
        assertThatThrownBy(() -> RefappOptions.parse("--days-per-week"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--days-per-week needs a value");
    }
}
