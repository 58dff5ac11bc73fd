package org.dvcsconnector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeFormatTest {

    private static final long AT = Instant.parse("2026-11-24T14:05:09.750Z").toEpochMilli();

    @Test
    void theAttributeIsTheExactInstantAndTheTextReadsInTheHostsZone() {
        assertThat(new TimeFormat(ZoneId.of("UTC")).iso(AT)).isEqualTo("2026-11-24T14:05:09Z");
        assertThat(new TimeFormat(ZoneId.of("UTC")).text(AT)).isEqualTo("24 Nov 2026, 14:05:09 UTC");
        assertThat(new TimeFormat(ZoneId.of("Europe/Berlin")).text(AT)).isEqualTo("24 Nov 2026, 15:05:09 CET");
    }
}
