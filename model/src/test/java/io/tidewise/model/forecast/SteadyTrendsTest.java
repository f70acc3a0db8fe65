package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SteadyTrendsTest {
    private static final QuantileLevels LEVELS = QuantileLevels.parse("0.1,0.5,0.9");

    @Test
    void growthAndDeclineWithSmallNoiseAreSteady() {
        SplittableRandom noise = new SplittableRandom(1);
        double[] growing = new double[50];
        double[] falling = new double[50];
        for (int t = 0; t < growing.length; t++) {
            growing[t] = 1000 * Math.exp(0.03 * t) * (1 + 0.003 * noise.nextGaussian());
            falling[t] = 500 - 4 * t + noise.nextGaussian();
        }
        assertThat(movesSteadily(growing)).isTrue();
        assertThat(movesSteadily(falling)).isTrue();
    }

    @Test
    void seasonsRandomWalksAndConstantsAreNot() {
        SplittableRandom noise = new SplittableRandom(2);
        double[] season = new double[240];
        double[] seasonOnATrend = new double[240];
        double[] walk = new double[500];
        for (int t = 0; t < season.length; t++) {
            season[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 24);
            seasonOnATrend[t] = season[t] + 0.5 * t;
        }
        for (int t = 1; t < walk.length; t++) {
            walk[t] = walk[t - 1] + 0.05 + noise.nextGaussian(); // a drift of a twentieth of a step
        }
        assertThat(movesSteadily(season)).isFalse();
        assertThat(movesSteadily(seasonOnATrend)).as("the season's steps dwarf the trend's").isFalse();
        assertThat(movesSteadily(walk)).isFalse();
        assertThat(movesSteadily(new double[] {5, 5, 5, 5})).isFalse();
    }

    @Test
    void aDriftCountsAsSteadyWhenEnoughStepsShowIt() {
        // steps alternate around a mean of 1: standard deviation 0.8 (a short rise of one yearly series), then 1.5
        assertThat(movesSteadily(rise(4, 0.8))).as("4 steps: 2.5 standard errors").isFalse();
        assertThat(movesSteadily(rise(10, 0.8))).as("10 steps: 3.95 standard errors").isTrue();
        assertThat(movesSteadily(rise(10, 1.5))).as("10 steps: 2.1 standard errors").isFalse();
        assertThat(movesSteadily(rise(40, 1.5))).as("40 steps: 4.2 standard errors").isTrue();
    }

    @Test
    void theStepsOfASteadySeriesAreItsDifferences() {
        double[] context = rise(12, 0.1);
        assertThat(SteadyTrends.steadySteps(context, 6)).hasValueSatisfying(
                steps -> assertThat(steps).containsExactly(SteadyTrends.differences(context)));
        assertThat(SteadyTrends.steadySteps(new double[] {5, 5, 5, 5}, 6)).isEmpty();
    }

    @Test
    void theThresholdIsInStandardErrors() {
        double[] tenSteps = rise(10, 0.8); // 3.95 standard errors
        assertThat(SteadyTrends.steadySteps(tenSteps, 3.9)).isPresent();
        assertThat(SteadyTrends.steadySteps(tenSteps, 4.0)).isEmpty();
    }

    @Test
    void aMissingLastValueOrTooFewStepsLeaveTheOrdinaryForecast() {
        assertThat(movesSteadily(new double[] {1, 2, 3, 4, Double.NaN})).isFalse();
        assertThat(movesSteadily(new double[] {1, Double.NaN, 3, Double.NaN, 5})).isFalse();
        assertThat(movesSteadily(new double[] {1, 2})).isFalse();
        assertThat(movesSteadily(new double[] {1, 2, Double.NaN, 4, 5})).isTrue();
    }

    @Test
    void differencesKeepGapsAsGaps() {
        assertThat(SteadyTrends.differences(new double[] {1, 3, Double.NaN, 10, 15}))
                .containsExactly(2, Double.NaN, Double.NaN, 5);
    }

    @Test
    void theForecastIsTheLastValuePlusRunningSumsOfMeansAndQuantileOffsets() {
        Forecast ordinary = forecast(3, 0, 999, Instant.parse("2024-01-01T00:00:00Z"));
        Forecast differences = forecast(3, 2, 1, null); // mean 2, quantiles 1, 2, 3 at every step
        Forecast integrated = SteadyTrends.integrate(ordinary, 10, differences, false);

        assertThat(integrated.series()).isEqualTo(ordinary.series());
        for (int h = 1; h <= 3; h++) {
            ForecastStep step = integrated.steps().get(h - 1);
            assertThat(step.mean()).isCloseTo(10 + 2 * h, within(1e-12));
            assertThat(step.quantiles()).containsExactly(new double[] {10 + 2 * h - h, 10 + 2 * h, 10 + 2 * h + h},
                    within(1e-12));
            assertThat(step.timestamp()).isEqualTo(ordinary.steps().get(h - 1).timestamp());
        }
    }

    @Test
    void aSeriesThatNeverWentBelowZeroIsNotForecastBelowIt() {
        Forecast ordinary = forecast(2, 0, 1, null);
        Forecast falling = forecast(2, -3, 1, null);
        Forecast integrated = SteadyTrends.integrate(ordinary, 4, falling, true);
        assertThat(integrated.steps().get(0).quantiles()).containsExactly(0, 1, 2);
        assertThat(integrated.steps().get(1).mean()).isZero();
        assertThat(integrated.steps().get(1).quantiles()).containsOnly(0);
    }

    /** Whether {@code context} counts as steady under the forecaster's default rule. */
    private static boolean movesSteadily(double[] context) {
        return SteadyTrends.steadySteps(context, SteadyTrends.DEFAULT_STEADY_DRIFT_STANDARD_ERRORS).isPresent();
    }

    /** A series of {@code steps} steps alternating between 1 + spread and 1 - spread: mean 1, deviation spread. */
    private static double[] rise(int steps, double spread) {
        double[] values = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            values[t] = values[t - 1] + 1 + (t % 2 == 0 ? spread : -spread);
        }
        return values;
    }

    /** Every step: quantiles mean - spread, mean, mean + spread; times a day apart from {@code first}, or none. */
    private static Forecast forecast(int horizon, double mean, double spread, Instant first) {
        List<ForecastStep> steps = new ArrayList<>();
        for (int h = 1; h <= horizon; h++) {
            steps.add(new ForecastStep(h, first == null ? null : first.plusSeconds(86_400L * h), mean,
                    new double[] {mean - spread, mean, mean + spread}));
        }
        return new Forecast(SeriesId.of("s"), LEVELS, steps);
    }
}
