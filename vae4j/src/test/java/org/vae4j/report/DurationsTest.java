package org.vae4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void minutesAndSecondsBelowAnHour() {
        assertThat(Durations.format(0)).isEqualTo("0:00");
        assertThat(Durations.format(7.4)).isEqualTo("0:07");
        assertThat(Durations.format(59.5)).isEqualTo("1:00");
        assertThat(Durations.format(3599)).isEqualTo("59:59");
    }

    @Test
    void hoursFromAnHourOn() {
        assertThat(Durations.format(3600)).isEqualTo("1:00:00");
        assertThat(Durations.format(3 * 3600 + 5 * 60 + 9)).isEqualTo("3:05:09");
        assertThat(Durations.format(26 * 3600)).isEqualTo("26:00:00");
    }

    @Test
    void unknownDurationsAreAQuestionMark() {
        assertThat(Durations.format(Double.NaN)).isEqualTo("?");
        assertThat(Durations.format(Double.POSITIVE_INFINITY)).isEqualTo("?");
        assertThat(Durations.format(-1)).isEqualTo("?");
    }
}
