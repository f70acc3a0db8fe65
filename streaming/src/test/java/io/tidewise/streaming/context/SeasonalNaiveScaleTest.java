package io.tidewise.streaming.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeasonalNaiveScaleTest {

    @Test
    void averagesTheAbsoluteSeasonalDifferences() {
        // period 2: |3-1|, |4-2|, |9-3| → (2 + 2 + 6) / 3
        assertThat(SeasonalNaiveScale.of(new double[] {1, 2, 3, 4, 9}, 2)).isEqualTo(10.0 / 3);
    }

    @Test
    void skipsPairsWithAMissingValue() {
        // period 1: |2-1|, (2,NaN) and (NaN,5) skipped, |7-5|
        assertThat(SeasonalNaiveScale.of(new double[] {1, 2, Double.NaN, 5, 7}, 1)).isEqualTo(1.5);
    }

    @Test
    void fallsBackToTheNaiveForecastWhenTheContextIsShorterThanASeason() {
        assertThat(SeasonalNaiveScale.of(new double[] {1, 3, 6}, 7)).isEqualTo(2.5);
    }

    @Test
    void hasNoScaleForAFlatOrSingleValueContext() {
        assertThat(SeasonalNaiveScale.of(new double[] {4, 4, 4}, 1)).isNaN();
        assertThat(SeasonalNaiveScale.of(new double[] {4}, 1)).isNaN();
        assertThatThrownBy(() -> SeasonalNaiveScale.of(new double[] {4}, 0))
                .hasMessage("seasonal period must be positive, was 0");
    }
}
