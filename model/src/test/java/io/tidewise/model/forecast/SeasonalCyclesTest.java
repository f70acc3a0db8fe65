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

class SeasonalCyclesTest {
    private static final QuantileLevels LEVELS = QuantileLevels.parse("0.1,0.5,0.9");
    private static final int HORIZON = 48;
    private static final int REACH = 64;
    private static final int MIN_DIFFERENCES = 32;

    @Test
    void aDayIsFoundAtEveryResolutionTheModelCanHoldTwiceOrMore() {
        // a temperature-like day, as in scripts/daily-cycle-check.sh: 288 five-minute values, 96 of 15 minutes ...
        for (int perDay : new int[] {288, 96, 48, 24}) {
            double[] days = day(512, perDay, 0.3, new SplittableRandom(perDay));
            assertThat(SeasonalCycles.period(days, HORIZON, REACH, MIN_DIFFERENCES)).as("a day of %d", perDay)
                    .isEqualTo(perDay);
        }
    }

    @Test
    void aWeekOfWorkingDaysOnTopOfTheDayIsFoundAsTheWeek() {
        SplittableRandom noise = new SplittableRandom(7);
        double[] hours = new double[512];
        for (int t = 0; t < hours.length; t++) {
            boolean weekend = (t / 24) % 7 >= 5;
            double daytime = Math.max(0, Math.sin(2 * Math.PI * (t % 24 - 6) / 24));
            hours[t] = 100 + (weekend ? 20 : 80) * daytime + 2 * noise.nextGaussian();
        }
        assertThat(SeasonalCycles.period(hours, 24, REACH, MIN_DIFFERENCES)).isEqualTo(168);
    }

    @Test
    void noiseNoisyLinesConstantsAndShortSeriesShowNoCycle() {
        SplittableRandom noise = new SplittableRandom(11);
        for (int k = 0; k < 20; k++) {
            double[] white = new double[512];
            double[] line = new double[512];
            double[] autoregressive = new double[512];
            for (int t = 1; t < white.length; t++) {
                white[t] = noise.nextGaussian();
                line[t] = 3 * t + 5 * noise.nextGaussian();
                autoregressive[t] = 0.5 * autoregressive[t - 1] + noise.nextGaussian();
            }
            assertThat(SeasonalCycles.period(white, HORIZON, REACH, MIN_DIFFERENCES)).isZero();
            assertThat(SeasonalCycles.period(line, HORIZON, REACH, MIN_DIFFERENCES)).isZero();
            assertThat(SeasonalCycles.period(autoregressive, HORIZON, REACH, MIN_DIFFERENCES)).isZero();
        }
        assertThat(SeasonalCycles.period(new double[512], HORIZON, REACH, MIN_DIFFERENCES)).isZero();
        assertThat(SeasonalCycles.period(day(35, 12, 0.3, noise), 6, REACH, MIN_DIFFERENCES)).isZero();
    }

    @Test
    void mostRandomWalksShowNoCycleAndTheBacktestGuardsTheRest() {
        // a random walk's two stretches far apart can look alike; few do by the shrunk correlation
        SplittableRandom noise = new SplittableRandom(12);
        int proposed = 0;
        for (int k = 0; k < 200; k++) {
            double[] walk = new double[512];
            for (int t = 1; t < walk.length; t++) {
                walk[t] = walk[t - 1] + noise.nextGaussian();
            }
            proposed += SeasonalCycles.period(walk, HORIZON, REACH, MIN_DIFFERENCES) > 0 ? 1 : 0;
        }
        assertThat(proposed).as("random walks proposed a cycle, of 200").isLessThan(40);
    }

    @Test
    void aCycleWithAMissingValueInItsLastPeriodOrInTheBacktestIsNotCopied() {
        double[] days = day(512, 96, 0.3, new SplittableRandom(5));
        assertThat(SeasonalCycles.period(days, HORIZON, REACH, MIN_DIFFERENCES)).isEqualTo(96);
        double[] gapInTheLastDay = days.clone();
        gapInTheLastDay[500] = Double.NaN;
        assertThat(SeasonalCycles.period(gapInTheLastDay, HORIZON, REACH, MIN_DIFFERENCES)).isZero();
        double[] gapBeforeTheBacktest = days.clone();
        gapBeforeTheBacktest[512 - 48 - 10] = Double.NaN;
        assertThat(SeasonalCycles.period(gapBeforeTheBacktest, HORIZON, REACH, MIN_DIFFERENCES)).isZero();
        double[] gapLongBefore = days.clone();
        gapLongBefore[100] = Double.NaN;
        assertThat(SeasonalCycles.period(gapLongBefore, HORIZON, REACH, MIN_DIFFERENCES)).isEqualTo(96);
    }

    @Test
    void backtestsEndWhereTheNextStartsAndStopWhereTooFewDifferencesWouldBeLeft() {
        double[] values = new double[200];
        // 200 - 3 x 48 - 24 = 32 differences are left for the third backtest: just enough
        assertThat(SeasonalCycles.backtestOrigins(values, 24, 48, 3, MIN_DIFFERENCES)).isEqualTo(3);
        assertThat(SeasonalCycles.backtestOrigins(values, 25, 48, 3, MIN_DIFFERENCES)).isEqualTo(2);
        assertThat(SeasonalCycles.backtestOrigins(values, 24, 48, 2, MIN_DIFFERENCES)).isEqualTo(2);
        values[200 - 2 * 48 - 1] = Double.NaN; // in the period the second backtest would copy
        assertThat(SeasonalCycles.backtestOrigins(values, 24, 48, 3, MIN_DIFFERENCES)).isEqualTo(1);
        assertThat(SeasonalCycles.backtestHorizon(48, 288, 64)).isEqualTo(48);
        assertThat(SeasonalCycles.backtestHorizon(96, 48, 64)).isEqualTo(48);
        assertThat(SeasonalCycles.backtestHorizon(96, 168, 64)).isEqualTo(64);
    }

    @Test
    void seasonalDifferencesAreMissingWhereEitherValueIs() {
        double[] differences = SeasonalCycles.seasonalDifferences(new double[] {1, 2, 3, 5, Double.NaN, 10}, 3);
        assertThat(differences).hasSize(3);
        assertThat(differences[0]).isEqualTo(4);
        assertThat(differences[1]).isNaN();
        assertThat(differences[2]).isEqualTo(7);
    }

    @Test
    void theForecastCopiesTheLastCycleAddsTheDifferencesAndCarriesTheirOffsetsFromCycleToCycle() {
        double[] values = {9, 9, 9, 10, 20, 30};
        // differences forecast: mean 1 at every step, quantiles 1 below and 2 above it
        Forecast differences = forecastOf(7, h -> 1.0, 1, 2);
        Forecast template = forecastOf(7, h -> -99.0, 0, 0);

        Forecast forecast = SeasonalCycles.integrate(template, values, 3, differences, false);

        double[] means = forecast.steps().stream().mapToDouble(ForecastStep::mean).toArray();
        assertThat(means).containsExactly(11, 21, 31, 12, 22, 32, 13);
        ForecastStep first = forecast.steps().get(0);
        assertThat(first.quantiles()).containsExactly(10, 11, 13);
        ForecastStep secondCycle = forecast.steps().get(3);
        assertThat(secondCycle.quantiles()).containsExactly(10, 12, 16);
        ForecastStep thirdCycle = forecast.steps().get(6);
        assertThat(thirdCycle.quantiles()).containsExactly(10, 13, 19);
        assertThat(forecast.series()).isEqualTo(template.series());
        assertThat(forecast.steps().get(4).timestamp()).isEqualTo(template.steps().get(4).timestamp());
    }

    @Test
    void aNonNegativeSeriesIsFlooredAtZero() {
        Forecast differences = forecastOf(3, h -> -15.0, 5, 5);
        Forecast forecast = SeasonalCycles.integrate(forecastOf(3, h -> 0.0, 0, 0), new double[] {4, 10, 20}, 3,
                differences, true);
        assertThat(forecast.steps().get(0).mean()).isZero();
        assertThat(forecast.steps().get(0).quantiles()).containsExactly(0, 0, 0);
        assertThat(forecast.steps().get(2).mean()).isEqualTo(5);
        assertThat(forecast.steps().get(2).quantiles()).containsExactly(0, 5, 10);
    }

    @Test
    void theBacktestErrorCountsObservedValuesOnly() {
        Forecast forecast = forecastOf(3, h -> 10.0, 0, 0);
        assertThat(SeasonalCycles.absoluteError(forecast, new double[] {12, Double.NaN, 7}))
                .isCloseTo(5, within(1e-12));
    }

    /** {@code length} values of a temperature-like day of {@code perDay} steps, with Gaussian noise. */
    static double[] day(int length, int perDay, double noiseSd, SplittableRandom noise) {
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            double hour = 24.0 * (t % perDay) / perDay;
            values[t] = 25 + 12 * Math.cos(2 * Math.PI * (hour - 15) / 24) + 4 * Math.cos(4 * Math.PI * (hour - 15) / 24)
                    + noiseSd * noise.nextGaussian();
        }
        return values;
    }

    private static Forecast forecastOf(int horizon, java.util.function.IntToDoubleFunction mean, double below,
            double above) {
        List<ForecastStep> steps = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            double m = mean.applyAsDouble(h);
            steps.add(new ForecastStep(h + 1, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * (h + 1)), m,
                    new double[] {m - below, m, m + above}));
        }
        return new Forecast(SeriesId.of("weather/temperature"), LEVELS, steps);
    }
}
