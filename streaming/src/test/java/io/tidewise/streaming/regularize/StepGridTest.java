package io.tidewise.streaming.regularize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Frequency;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class StepGridTest {

    @Test
    void alignsStepsToTheCalendar() {
        Instant t = Instant.parse("2024-05-17T13:47:12.345Z");
        assertThat(StepGrid.stepStart(Frequency.parse("5m"), t)).isEqualTo(Instant.parse("2024-05-17T13:45:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1h"), t)).isEqualTo(Instant.parse("2024-05-17T13:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1d"), t)).isEqualTo(Instant.parse("2024-05-17T00:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1w"), t)).isEqualTo(Instant.parse("2024-05-13T00:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1M"), t)).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1q"), t)).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1y"), t)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(StepGrid.stepStart(Frequency.parse("1d"), Instant.parse("1969-12-31T23:00:00Z")))
                .isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
    }

    @Property(tries = 300)
    void everyInstantLiesInItsStepAndItsStepIsOnTheGrid(
            @ForAll @LongRange(min = -2_000_000_000_000L, max = 4_000_000_000_000L) long millis,
            @ForAll("frequencies") Frequency frequency) {
        Instant instant = Instant.ofEpochMilli(millis);
        Instant start = StepGrid.stepStart(frequency, instant);
        Instant next = frequency.add(start, 1);
        assertThat(start).isBeforeOrEqualTo(instant);
        assertThat(next).isAfter(instant);
        assertThat(StepGrid.stepStart(frequency, start)).isEqualTo(start);
        assertThat(StepGrid.stepStart(frequency, next)).isEqualTo(next);
    }

    @Provide
    Arbitrary<Frequency> frequencies() {
        return Arbitraries.of("30s", "1m", "5m", "15m", "1h", "6h", "1d", "2d", "1w", "1M", "3M", "1q", "1y")
                .map(Frequency::parse);
    }
}
