package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.baseline.Theta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BacktestTest {

    /** Forecasts the last observed value with a fixed ±1.5 fan (p10..p90), and remembers every context it was given. */
    private static final class LastValue implements ForecastMethod {
        final List<double[]> contexts = new ArrayList<>();

        @Override
        public String name() {
            return "last_value";
        }

        @Override
        public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
            contexts.add(context.clone());
            double[] mean = new double[horizon];
            Arrays.fill(mean, context[context.length - 1]);
            double[] standardError = new double[horizon];
            Arrays.fill(standardError, 1.5 / 1.2815515655446004); // p10..p90 = mean -1.5..+1.5
            return MethodForecast.normal(mean, standardError, levels);
        }
    }

    @Test
    void everyContextIsThePrefixBeforeItsOrigin() {
        double[] values = new double[40];
        for (int t = 0; t < values.length; t++) {
            values[t] = 1000 + t; // the value reveals its own index
        }
        LastValue method = new LastValue();
        Backtest.builder().setWindows(RollingOrigin.builder().setHorizon(5).optStride(3).optWindows(4).build())
                .addMethod(method).build().run(List.of(new EvaluationSeries("ramp", values, 1)));
        assertThat(method.contexts).hasSize(4);
        int[] origins = {26, 29, 32, 35};
        for (int w = 0; w < origins.length; w++) {
            assertThat(method.contexts.get(w)).containsExactly(Arrays.copyOf(values, origins[w]));
            assertThat(method.contexts.get(w)[origins[w] - 1]).isLessThan(1000 + origins[w]);
        }
    }

    @Test
    void scoresMatchAHandComputedExample() {
        // Period 2, horizon 2, two windows: origins 6 and 8 of 10 values.
        double[] values = {1, 3, 2, 4, 3, 5, 4, 6, 5, 8};
        LastValue method = new LastValue();
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(2).optWindows(2).build())
                .addMethod(method).build().run(List.of(new EvaluationSeries("zigzag", values, 2)));

        // Window 1: context {1,3,2,4,3,5}, scale mean|y(t)-y(t-2)| = 1; last value 5 vs actual {4,6}: MAE 1.
        // Window 2: context {..,4,6}, scale 1; last value 6 vs {5,8}: MAE 1.5. MASE = mean(1, 1.5) = 1.25.
        SeriesScore last = report.score("last_value", "zigzag");
        assertThat(last.windows()).isEqualTo(2);
        assertThat(last.mase()).isCloseTo(1.25, within(1e-12));
        // Seasonal naive repeats the last season: window 1 {3,5} vs {4,6}: MAE 1; window 2 {4,6} vs {5,8}: 1.5.
        SeriesScore naive = report.score("seasonal_naive", "zigzag");
        assertThat(naive.mase()).isCloseTo(1.25, within(1e-12));
        assertThat(last.relativeMase()).isCloseTo(1, within(1e-12));
        // Coverage of last value's ±1.5 fan: 4 and 6 in [3.5,6.5], 5 in [4.5,7.5], 8 outside: 3 of 4.
        assertThat(last.coverage80()).isCloseTo(0.75, within(1e-9));
        // sMAPE: window 1 mean(200/9, 200/11), window 2 mean(200/11, 400/14).
        double expectedSmape = ((200.0 / 9 + 200.0 / 11) / 2 + (200.0 / 11 + 400.0 / 14) / 2) / 2;
        assertThat(last.smape()).isCloseTo(expectedSmape, within(1e-9));
    }

    @Test
    void baselineComesFirstAndIsItsOwnReference() {
        double[] values = seasonalSeries(96, 12);
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(12).optWindows(2).optMinContext(48).build())
                .addMethod(Ets.auto()).addMethod(new Theta()).build()
                .run(List.of(new EvaluationSeries("a", values, 12), new EvaluationSeries("b", reversed(values), 12)));
        assertThat(report.summaries()).extracting(MethodSummary::method)
                .containsExactly("seasonal_naive", "ets", "theta");
        MethodSummary baseline = report.summary("seasonal_naive");
        assertThat(baseline.geometricMeanRelativeMase()).isCloseTo(1, within(1e-12));
        assertThat(baseline.geometricMeanRelativeWql()).isCloseTo(1, within(1e-12));
        assertThat(baseline.series()).isEqualTo(2);
        assertThat(baseline.windows()).isEqualTo(4);
        assertThat(report.summary("ets").relativeSeries()).isEqualTo(2);
        // The geometric mean is over per-series ratios.
        double expected = Math.sqrt(report.score("ets", "a").relativeMase() * report.score("ets", "b").relativeMase());
        assertThat(report.summary("ets").geometricMeanRelativeMase()).isCloseTo(expected, within(1e-12));
        assertThat(report.toTable()).contains("seasonal_naive").contains("ets").contains("theta").contains("relMASE");
        assertThat(report.toSeriesTable().lines()).hasSize(1 + 2 * 3)
                .anySatisfy(line -> assertThat(line).startsWith("b ").contains("theta"));
    }

    @Test
    void windowsWithoutObservedActualsAreSkippedForAllMethods() {
        double[] values = {1, 2, 3, 4, 5, 6, Double.NaN, Double.NaN};
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(2).optWindows(2).build())
                .addMethod(new LastValue()).build().run(List.of(new EvaluationSeries("gappy", values, 1)));
        assertThat(report.score("last_value", "gappy").windows()).isEqualTo(1);
        assertThat(report.score("seasonal_naive", "gappy").windows()).isEqualTo(1);
    }

    @Test
    void reportRoundTripsThroughJsonWithUndefinedScoresAsNull() {
        double[] constant = new double[30];
        Arrays.fill(constant, 7); // MASE scale 0: MASE undefined
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(3).build())
                .addMethod(new LastValue()).build().run(List.of(new EvaluationSeries("flat", constant, 1)));
        String json = report.toJson();
        assertThat(json).contains("\"mase\" : null").doesNotContain("NaN");
        BacktestReport read = BacktestReport.fromJson(json);
        // Records compare double components with Double.compare, so NaN equals NaN here.
        assertThat(read.summaries()).isEqualTo(report.summaries());
        assertThat(read.series()).isEqualTo(report.series());
        assertThat(read.score("last_value", "flat").mase()).isNaN();
        assertThat(read.score("last_value", "flat").wql())
                .isCloseTo(report.score("last_value", "flat").wql(), within(1e-15));
        assertThat(read.horizon()).isEqualTo(3);
        assertThat(read.levels()).containsExactly(QuantileLevels.DECILES.toArray());
    }

    @Test
    void duplicateNamesAndIdsAreRejected() {
        assertThatThrownBy(() -> Backtest.builder().setWindows(RollingOrigin.builder().setHorizon(1).build())
                .addMethod(new Theta()).addMethod(new Theta()).build())
                .hasMessageContaining("'theta' repeats");
        Backtest backtest = Backtest.builder().setWindows(RollingOrigin.builder().setHorizon(1).build()).build();
        assertThat(backtest.methodNames()).containsExactly("seasonal_naive");
        EvaluationSeries series = new EvaluationSeries("x", new double[] {1, 2, 3}, 1);
        assertThatThrownBy(() -> backtest.run(List.of(series, series))).hasMessageContaining("'x' repeats");
    }

    @Test
    void anAddedSeasonalNaiveRunsOnceAndFirst() {
        Backtest backtest = Backtest.builder().setWindows(RollingOrigin.builder().setHorizon(2).build())
                .addMethod(new Theta()).addMethod(SeasonalNaive.normal()).build();
        assertThat(backtest.methodNames()).containsExactly("seasonal_naive", "theta");
    }

    @Test
    void anExplicitBaselineIsUsedForRelativeScores() {
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(4).build())
                .optBaseline(SeasonalNaive.empirical()).addMethod(new LastValue()).build()
                .run(List.of(new EvaluationSeries("s", seasonalSeries(40, 4), 4)));
        assertThat(report.baseline()).isEqualTo("seasonal_naive_empirical");
        assertThat(report.summaries()).extracting(MethodSummary::method)
                .containsExactly("seasonal_naive_empirical", "last_value");
    }

    @Test
    void threadsChangeNothingButTheTime() {
        List<EvaluationSeries> series = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double[] values = seasonalSeries(60 + 4 * i, 4);
            series.add(new EvaluationSeries("s" + i, values, 4));
        }
        LastValue unsafe = new LastValue();
        Backtest.Builder builder = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(4).optWindows(3).optMinContext(16).build())
                .addMethod(Ets.auto()).addMethod(new Theta()).addMethod(unsafe);
        BacktestReport sequential = builder.build().run(series);
        BacktestReport parallel = builder.optThreads(3).build().run(series);
        assertThat(parallel.series()).isEqualTo(sequential.series());
        for (MethodSummary summary : sequential.summaries()) {
            MethodSummary other = parallel.summary(summary.method());
            assertThat(other.meanMase()).isEqualTo(summary.meanMase());
            assertThat(other.geometricMeanRelativeWql()).isEqualTo(summary.geometricMeanRelativeWql());
        }
        assertThat(unsafe.contexts).hasSize(2 * 15); // not thread-safe: called in sequence, once per run
    }

    static double[] seasonalSeries(int length, int period) {
        double[] values = new double[length];
        Random random = new Random(42);
        for (int t = 0; t < length; t++) {
            values[t] = 100 + 0.5 * t + 10 * Math.sin(2 * Math.PI * t / period) + random.nextGaussian();
        }
        return values;
    }

    private static double[] reversed(double[] values) {
        double[] copy = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            copy[t] = values[values.length - 1 - t];
        }
        return copy;
    }
}
