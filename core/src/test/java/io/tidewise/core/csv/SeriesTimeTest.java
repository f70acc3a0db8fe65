package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesTimeTest {

    @Test
    void impossibleDatesAndTimesAreRefusedNamingTheText() {
        assertThatThrownBy(() -> SeriesTime.parse("2023-02-29")).hasMessageStartingWith("is not a valid date or time")
                .hasMessageEndingWith("was '2023-02-29'");
        assertThatThrownBy(() -> SeriesTime.parse("2024-01-01T24:00")).hasMessageEndingWith("was '2024-01-01T24:00'");
        assertThatThrownBy(() -> SeriesTime.parse("2024-1-01")).hasMessageEndingWith("was '2024-1-01'");
        assertThatThrownBy(() -> SeriesTime.parse("1991.496154")).hasMessageStartingWith("is not an ISO date");
    }

    @Test
    void fractionsOfSecondsAndStepsAreKept() {
        assertThat(SeriesTime.parse("2024-01-01T00:00:00.250Z").format()).isEqualTo("2024-01-01T00:00:00.250Z");
        assertThat(SeriesTime.parse(" -12 ").step()).isEqualTo(-12);
        assertThat(SeriesTime.parse("-12").kind()).isEqualTo(TimeKind.STEP);
    }
}
