package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.QuantileLevels;
import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {
    private static final QuantileLevels LEVELS = new QuantileLevels(new double[] {0.1, 0.5, 0.9});
    private static final double Z90 = 1.2815515655446004;

    @Test
    void repeatsTheLastSeasonWithIntervalsWideningPerFullSeason() {
        double[] context = {10, 20, 30, 12, 21, 33}; // period 3
        MethodForecast forecast = SeasonalNaive.normal().forecast(context, 3, 5, LEVELS);
        assertThat(forecast.mean()).containsExactly(12, 21, 33, 12, 21);
        // Residuals 2, 1, 3: sigma = sqrt((4 + 1 + 9) / 3).
        double sigma = Math.sqrt(14.0 / 3);
        assertThat(forecast.quantileAt(0, 0.9)).isCloseTo(12 + Z90 * sigma, within(1e-9));
        assertThat(forecast.quantileAt(2, 0.1)).isCloseTo(33 - Z90 * sigma, within(1e-9));
        assertThat(forecast.quantileAt(3, 0.9)).isCloseTo(12 + Z90 * sigma * Math.sqrt(2), within(1e-9));
        assertThat(forecast.quantileAt(4, 0.5)).isCloseTo(21, within(1e-9));
    }

    @Test
    void empiricalQuantilesComeFromTheResidualsScaledBySqrtOfSeasonsAhead() {
        double[] context = {0, 0, 1, 2, 4, 3, 7, 3}; // period 2: residuals 1, 2, 3, 1, 3, 0
        MethodForecast forecast = SeasonalNaive.empirical().forecast(context, 2, 3, LEVELS);
        // Sorted residuals 0,1,1,2,3,3; type-7 quantiles: p10 at 0.5 -> 0.5, p50 at 2.5 -> 1.5, p90 at 4.5 -> 3.
        assertThat(forecast.quantiles(0)).containsExactly(new double[] {7.5, 8.5, 10}, within(1e-12));
        assertThat(forecast.quantileAt(2, 0.9)).isCloseTo(7 + 3 * Math.sqrt(2), within(1e-12));
    }

    @Test
    void shortContextsFallBackToNaive() {
        MethodForecast forecast = SeasonalNaive.normal().forecast(new double[] {5, 7}, 12, 3, LEVELS);
        assertThat(forecast.mean()).containsExactly(7, 7, 7);
        // Lag 1, residual 2: sigma 2, k = h.
        assertThat(forecast.quantileAt(2, 0.9)).isCloseTo(7 + Z90 * 2 * Math.sqrt(3), within(1e-9));
        MethodForecast single = SeasonalNaive.normal().forecast(new double[] {4}, 1, 2, LEVELS);
        assertThat(single.quantiles(1)).containsExactly(4, 4, 4);
    }

    @Test
    void missingValuesAreInterpolatedBeforeRepeating() {
        MethodForecast forecast = SeasonalNaive.normal()
                .forecast(new double[] {1, 2, 3, 4, Double.NaN, 8}, 2, 2, LEVELS);
        assertThat(forecast.mean()).containsExactly(6, 8);
    }
}
