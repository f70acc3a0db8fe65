package io.tidewise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequencyTest {

    @ParameterizedTest
    @CsvSource({"5m,5,MINUTE", "1h,1,HOUR", "1d,1,DAY", "1w,1,WEEK", "1M,1,MONTH", "1q,1,QUARTER", "1y,1,YEAR",
            "30s,30,SECOND", "15m,15,MINUTE", "1Q,1,QUARTER"})
    void parsesEveryDocumentedSpelling(String text, int amount, Frequency.Unit unit) {
        assertThat(Frequency.parse(text)).isEqualTo(new Frequency(amount, unit));
    }

    @Test
    void printsTheCanonicalSpellingThatParsesBack() {
        for (String text : List.of("5m", "1h", "1d", "1w", "1M", "1q", "1y", "30s")) {
            assertThat(Frequency.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void rejectsBadTextNamingTheValue() {
        assertThatThrownBy(() -> Frequency.parse("5 minutes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frequency").hasMessageContaining("'5 minutes'");
        assertThatThrownBy(() -> Frequency.parse("0h")).hasMessageContaining("was 0h");
        assertThatThrownBy(() -> Frequency.parse(" ")).hasMessageContaining("frequency");
    }

    @Test
    void monthsStepOnTheCalendarWithoutDrift() {
        Frequency monthly = Frequency.parse("1M");
        Instant jan = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(monthly.add(jan, 1)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
        assertThat(monthly.add(jan, 12)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(Frequency.parse("1q").add(jan, 3)).isEqualTo(Instant.parse("2024-10-01T00:00:00Z"));
        assertThat(Frequency.parse("1y").add(jan, -2)).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
        assertThat(Frequency.parse("5m").add(jan, 3)).isEqualTo(Instant.parse("2024-01-01T00:15:00Z"));
    }

    @Test
    void infersCalendarFrequenciesFromUnevenMonthLengths() {
        List<Instant> months = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            months.add(Frequency.parse("1M").add(Instant.parse("2023-01-31T00:00:00Z"), i));
        }
        Collections.shuffle(months, new java.util.Random(7));
        assertThat(Frequency.infer(months)).isEqualTo(Frequency.parse("1M"));

        List<Instant> quarters = List.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-04-01T00:00:00Z"),
                Instant.parse("2020-07-01T00:00:00Z"), Instant.parse("2020-10-01T00:00:00Z"));
        assertThat(Frequency.infer(quarters)).isEqualTo(Frequency.parse("1q"));
    }

    @Test
    void inferenceToleratesAGapAndNeedsTwoTimes() {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        List<Instant> hourly = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (i != 4) {
                hourly.add(start.plusSeconds(3600L * i));
            }
        }
        assertThat(Frequency.infer(hourly)).isEqualTo(Frequency.parse("1h"));
        assertThatThrownBy(() -> Frequency.infer(List.of(start, start)))
                .hasMessageContaining("at least two distinct times").hasMessageContaining("had 1");
    }

    @Property
    void inferenceRecoversFixedFrequencies(@ForAll @IntRange(min = 1, max = 59) int minutes,
                                           @ForAll @IntRange(min = 3, max = 50) int count) {
        Frequency frequency = new Frequency(minutes, Frequency.Unit.MINUTE);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(frequency.add(Instant.EPOCH, i));
        }
        Frequency inferred = Frequency.infer(times);
        assertThat(inferred.approximateDuration()).isEqualTo(frequency.approximateDuration());
    }

    @Test
    void seasonalPeriodsFollowTheDominantCycle() {
        assertThat(Frequency.parse("1h").seasonalPeriod()).isEqualTo(24);
        assertThat(Frequency.parse("5m").seasonalPeriod()).isEqualTo(288);
        assertThat(Frequency.parse("1d").seasonalPeriod()).isEqualTo(7);
        assertThat(Frequency.parse("1M").seasonalPeriod()).isEqualTo(12);
        assertThat(Frequency.parse("1q").seasonalPeriod()).isEqualTo(4);
        assertThat(Frequency.parse("1y").seasonalPeriod()).isEqualTo(1);
    }
}
