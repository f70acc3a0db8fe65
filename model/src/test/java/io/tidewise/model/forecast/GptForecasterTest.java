package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.checkpoint.TinyCheckpoints;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecaster over tiny untrained checkpoints: the numbers mean nothing, but their shape, units, timestamps,
 * determinism and independence from batching are what every caller relies on.
 */
class GptForecasterTest {
    private static final QuantileLevels LEVELS = QuantileLevels.parse("0.05,0.1,0.5,0.9,0.975");

    private static Checkpoint patchCheckpoint;
    private static Checkpoint binCheckpoint;

    @BeforeAll
    static void createModels() {
        patchCheckpoint = TinyCheckpoints.patchModel();
        binCheckpoint = TinyCheckpoints.binModel();
    }

    @AfterAll
    static void closeModels() {
        patchCheckpoint.close();
        binCheckpoint.close();
    }

    @Test
    void patchForecastsCarryStepsTimesAndRequestedLevels() {
        Instant last = Instant.parse("2024-01-31T00:00:00Z");
        ForecastRequest monthly = new ForecastRequest(SeriesId.of("economy/cpi"), wave(40, 100, 5), last,
                Frequency.parse("1M"));
        ForecastRequest indexed = ForecastRequest.ofValues(SeriesId.of("steps/only"), wave(10, 3, 1));
        try (GptForecaster forecaster = patchForecaster(2)) {
            List<Integer> progress = new ArrayList<>();
            List<Forecast> forecasts = forecaster.forecast(List.of(monthly, indexed), 8, LEVELS, progress::add);

            assertThat(forecasts).extracting(Forecast::series)
                    .containsExactly(SeriesId.of("economy/cpi"), SeriesId.of("steps/only"));
            assertThat(progress).containsExactly(2);
            Forecast cpi = forecasts.get(0);
            assertThat(cpi.horizon()).isEqualTo(8);
            assertThat(cpi.levels()).isEqualTo(LEVELS);
            assertThat(cpi.steps().get(0).timestamp()).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
            assertThat(cpi.steps().get(7).timestamp()).isEqualTo(Instant.parse("2024-09-30T00:00:00Z"));
            assertThat(forecasts.get(1).steps()).extracting(ForecastStep::timestamp).containsOnlyNulls();
            assertThat(forecaster.modelId()).isEqualTo("tiny-patch@1");
            assertThat(forecaster.maxContextLength()).isEqualTo(TinyCheckpoints.CONTEXT);
        }
    }

    @Test
    void patchForecastsAreInOriginalUnits() {
        // mean-abs scaling makes the model blind to units: c times the context gives c times the forecast
        double[] context = wave(50, 20, 3);
        double factor = 12_345.678;
        double[] scaled = context.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        try (GptForecaster forecaster = patchForecaster(8)) {
            List<Forecast> forecasts = forecaster.forecast(List.of(
                    ForecastRequest.ofValues(SeriesId.of("a"), context),
                    ForecastRequest.ofValues(SeriesId.of("b"), scaled)), 2 * TinyCheckpoints.REACH + 1, LEVELS);
            for (int step = 0; step < forecasts.get(0).horizon(); step++) {
                ForecastStep small = forecasts.get(0).steps().get(step);
                ForecastStep large = forecasts.get(1).steps().get(step);
                assertThat(large.mean()).isCloseTo(small.mean() * factor, within(1e-3 * Math.abs(factor)));
                for (int q = 0; q < LEVELS.size(); q++) {
                    assertThat(large.quantile(q)).isCloseTo(small.quantile(q) * factor, within(1e-3 * factor));
                }
            }
        }
    }

    @Test
    void aSeriesGetsTheSameForecastAloneAndInABatch() {
        List<ForecastRequest> requests = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            requests.add(ForecastRequest.ofValues(SeriesId.of("s" + i), wave(5 + 9 * i, 10 * (i + 1), i)));
        }
        for (Checkpoint checkpoint : List.of(patchCheckpoint, binCheckpoint)) {
            try (GptForecaster batched = GptForecaster.builder().setCheckpoint(checkpoint).optBatchSize(4).build();
                    GptForecaster single = GptForecaster.builder().setCheckpoint(checkpoint).optBatchSize(1).build()) {
                List<Forecast> together = batched.forecast(requests, 9, LEVELS);
                for (int i = 0; i < requests.size(); i++) {
                    Forecast alone = single.forecast(List.of(requests.get(i)), 9, LEVELS).get(0);
                    assertSameForecast(together.get(i), alone, 1e-4);
                }
            }
        }
    }

    @Test
    void aLongHorizonIsRolledOutAndStartsWithTheShortForecast() {
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("long"), wave(64, 50, 2));
        int longHorizon = 3 * TinyCheckpoints.REACH + 2;
        for (Checkpoint checkpoint : List.of(patchCheckpoint, binCheckpoint)) {
            try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(checkpoint).build()) {
                Forecast shortForecast = forecaster.forecast(List.of(request), TinyCheckpoints.REACH, LEVELS).get(0);
                Forecast longForecast = forecaster.forecast(List.of(request), longHorizon, LEVELS).get(0);
                assertThat(longForecast.horizon()).isEqualTo(longHorizon);
                for (int step = 0; step < TinyCheckpoints.REACH; step++) {
                    assertSameStep(longForecast.steps().get(step), shortForecast.steps().get(step), 1e-9);
                }
            }
        }
    }

    @Test
    void aConstantSeriesWhoseLastPatchIsMissingKeepsItsLevel() {
        // defect: the level anchor was the last patch's observed mean, 0 when that patch was all missing, so a series
        // at 100 whose last values were missing was forecast near 0; standardised windows keep their level
        double[] values = filled(TinyCheckpoints.CONTEXT, 100);
        for (int i = values.length - TinyCheckpoints.PATCH_LENGTH; i < values.length; i++) {
            values[i] = Double.NaN;
        }
        try (GptForecaster forecaster = patchForecaster(8)) {
            Forecast forecast = forecaster.forecast(
                    List.of(ForecastRequest.ofValues(SeriesId.of("gap-at-end"), values)), 3, LEVELS).get(0);
            for (ForecastStep step : forecast.steps()) {
                assertThat(step.mean()).isCloseTo(100, within(1.0));
            }
        }
    }

    @Test
    void flipAveragingAnswersAMirroredSeriesWithTheMirroredForecast() {
        double[] values = noisyLine(TinyCheckpoints.CONTEXT, 40, new SplittableRandom(3));
        double[] mirrored = Arrays.stream(values).map(v -> -v).toArray();
        List<ForecastRequest> both = List.of(ForecastRequest.ofValues(SeriesId.of("up"), values),
                ForecastRequest.ofValues(SeriesId.of("down"), mirrored));
        try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                .optFlipAveraging(true).build()) {
            List<Forecast> forecasts = forecaster.forecast(both, 2, QuantileLevels.DECILES);
            for (int step = 0; step < 2; step++) {
                double[] up = forecasts.get(0).steps().get(step).quantiles();
                double[] down = forecasts.get(1).steps().get(step).quantiles();
                for (int q = 0; q < up.length; q++) {
                    assertThat(down[up.length - 1 - q]).isCloseTo(-up[q], within(1e-4 * (1 + Math.abs(up[q]))));
                }
            }
        }
        try (GptForecaster plain = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                .optFlipAveraging(false).build()) {
            List<Forecast> forecasts = plain.forecast(both, 1, QuantileLevels.DECILES);
            // an untrained network is not symmetric by itself: that is what the averaging adds
            assertThat(forecasts.get(1).steps().get(0).quantiles()[8])
                    .isNotCloseTo(-forecasts.get(0).steps().get(0).quantiles()[0], within(1e-4));
        }
    }

    @Test
    void flipAveragingIsOnByDefaultAndLeavesCountsAndCyclesAlone() {
        double[] line = noisyLine(TinyCheckpoints.CONTEXT, 40, new SplittableRandom(5));
        double[] counts = new double[TinyCheckpoints.CONTEXT];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 3 == 0 ? 0 : 2 + i % 2;
        }
        double[] cycle = new double[TinyCheckpoints.CONTEXT];
        for (int i = 0; i < cycle.length; i++) {
            cycle[i] = 100 + 30 * Math.sin(2 * Math.PI * i / 6.0);
        }
        List<ForecastRequest> requests = List.of(ForecastRequest.ofValues(SeriesId.of("line"), line),
                ForecastRequest.ofValues(SeriesId.of("counts"), counts),
                ForecastRequest.ofValues(SeriesId.of("cycle"), cycle));
        List<Forecast> byDefault;
        List<Forecast> flipped;
        List<Forecast> unflipped;
        try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                .optSeasonalCycles(0).build()) {
            byDefault = forecaster.forecast(requests, 2, LEVELS);
        }
        try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                .optSeasonalCycles(0).optFlipAveraging(true).build()) {
            flipped = forecaster.forecast(requests, 2, LEVELS);
        }
        try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                .optSeasonalCycles(0).optFlipAveraging(false).build()) {
            unflipped = forecaster.forecast(requests, 2, LEVELS);
        }
        assertThat(byDefault).isEqualTo(flipped);
        // a batch with mirrored rows in it may round the others' last float bits differently
        assertThat(largestDifference(flipped.get(0), unflipped.get(0))).isGreaterThan(1e-3);
        assertThat(largestDifference(flipped.get(1), unflipped.get(1))).as("counts floored at zero").isLessThan(1e-5);
        assertThat(largestDifference(flipped.get(2), unflipped.get(2))).as("a cycle").isLessThan(1e-3);
    }

    private static double largestDifference(Forecast first, Forecast second) {
        double largest = 0;
        for (int step = 0; step < first.horizon(); step++) {
            double[] a = first.steps().get(step).quantiles();
            double[] b = second.steps().get(step).quantiles();
            for (int q = 0; q < a.length; q++) {
                largest = Math.max(largest, Math.abs(a[q] - b[q]));
            }
        }
        return largest;
    }

    @Test
    void askingForFlipAveragingWithAsymmetricLevelsIsRefused() {
        CheckpointConfig config = CheckpointConfig.patches("tiny-asymmetric", "1",
                TinyCheckpoints.architecture(PositionEncoding.LEARNED),
                TokenizerConfig.patches(TinyCheckpoints.PATCH_LENGTH),
                new SeriesHeadConfig(TinyCheckpoints.CONTEXT, TinyCheckpoints.REACH, new double[] {0.1, 0.5, 0.8}),
                Map.of());
        try (Checkpoint asymmetric = Checkpoint.create(config, 13)) {
            try (GptForecaster byDefault = GptForecaster.builder().setCheckpoint(asymmetric).build()) {
                assertThat(byDefault.forecast(List.of(ForecastRequest.ofValues(SeriesId.of("line"),
                        noisyLine(20, 10, new SplittableRandom(1)))), 2, LEVELS)).hasSize(1);
            }
            assertThatThrownBy(() -> GptForecaster.builder().setCheckpoint(asymmetric).optFlipAveraging(true).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("symmetric around 0.5").hasMessageContaining("[0.1, 0.5, 0.8]");
        }
    }

    @Test
    void aNonNegativeSeriesGetsNoNegativeQuantile() {
        double[] counts = new double[TinyCheckpoints.CONTEXT];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 5 == 0 ? 3 : 0; // intermittent counts: an untrained head spreads its quantiles below 0
        }
        try (GptForecaster forecaster = patchForecaster(8)) {
            Forecast forecast = forecaster.forecast(
                    List.of(ForecastRequest.ofValues(SeriesId.of("counts"), counts)), 2 * TinyCheckpoints.REACH,
                    LEVELS).get(0);
            for (ForecastStep step : forecast.steps()) {
                assertThat(java.util.Arrays.stream(step.quantiles()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
                assertThat(step.mean()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void degenerateWindowsGiveFiniteForecasts() {
        double[] allMissing = new double[20];
        java.util.Arrays.fill(allMissing, Double.NaN);
        double[] gappy = wave(30, 5, 0);
        for (int i = 0; i < gappy.length; i += 3) {
            gappy[i] = Double.NaN;
        }
        List<ForecastRequest> requests = List.of(
                ForecastRequest.ofValues(SeriesId.of("zeros"), new double[25]),
                ForecastRequest.ofValues(SeriesId.of("constant"), filled(40, 7.5)),
                ForecastRequest.ofValues(SeriesId.of("missing"), allMissing),
                ForecastRequest.ofValues(SeriesId.of("gappy"), gappy),
                ForecastRequest.ofValues(SeriesId.of("tiny"), filled(33, 3e-6)),
                ForecastRequest.ofValues(SeriesId.of("huge"), filled(33, -4e9)),
                ForecastRequest.ofValues(SeriesId.of("one"), new double[] {42}));
        for (Checkpoint checkpoint : List.of(patchCheckpoint, binCheckpoint)) {
            try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(checkpoint).build()) {
                // ForecastStep itself refuses non-finite and non-monotone quantiles, so building them is the check
                List<Forecast> forecasts = forecaster.forecast(requests, 2 * TinyCheckpoints.REACH, LEVELS);
                assertThat(forecasts).hasSize(requests.size());
                ForecastStep hugeStep = forecasts.get(5).steps().get(0);
                assertThat(Math.abs(hugeStep.mean())).isGreaterThan(1e6); // unscaled back to the series' units
                ForecastStep tinyStep = forecasts.get(4).steps().get(0);
                assertThat(Math.abs(tinyStep.mean())).isLessThan(1e-3);
            }
        }
    }

    @Test
    void binForecastsAreDeterministicForASeedAndVaryWithIt() {
        List<ForecastRequest> requests = List.of(
                ForecastRequest.ofValues(SeriesId.of("x"), wave(32, 10, 1)),
                ForecastRequest.ofValues(SeriesId.of("y"), wave(20, 300, 4)));
        try (GptForecaster first = binForecaster(1); GptForecaster again = binForecaster(1);
                GptForecaster other = binForecaster(2)) {
            List<Forecast> a = first.forecast(requests, 5, LEVELS);
            List<Forecast> b = again.forecast(requests, 5, LEVELS);
            List<Forecast> c = other.forecast(requests, 5, LEVELS);
            assertThat(a).isEqualTo(b);
            assertThat(a).isNotEqualTo(c);
            // samples are bin centres: every value lies within the bins' range in the series' units
            for (ForecastStep step : a.get(1).steps()) {
                assertThat(step.quantile(0)).isGreaterThanOrEqualTo(-15 * 300.0);
                assertThat(step.quantile(LEVELS.size() - 1)).isLessThanOrEqualTo(15 * 300.0);
            }
        }
    }

    @Test
    void loadsFromADirectoryAndOwnsTheCheckpoint(@TempDir Path directory) throws IOException {
        patchCheckpoint.save(directory);
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("a"), wave(32, 10, 1));
        try (GptForecaster loaded = GptForecaster.load(directory); GptForecaster original = patchForecaster(64)) {
            assertThat(loaded.forecast(List.of(request), 4, LEVELS))
                    .isEqualTo(original.forecast(List.of(request), 4, LEVELS));
        }
    }

    @Test
    void aBinModelsPrefillIsCutToFitItsAttentionScores() {
        CheckpointConfig defaultSize = CheckpointConfig.bins("bins", "1",
                GptConfig.builder().optContextLength(576).build(), TokenizerConfig.bins(4094),
                new SeriesHeadConfig(512, 64, null), java.util.Map.of());
        try (Checkpoint large = Checkpoint.create(defaultSize, 1);
                GptForecaster forecaster = GptForecaster.builder().setCheckpoint(large).optBatchSize(64).build()) {
            assertThat(forecaster.effectiveBatchSize()).isEqualTo(8); // 2^24 / (8 heads x 512 x 512)
        }
        try (GptForecaster tiny = binForecaster(1); GptForecaster patches = patchForecaster(64)) {
            assertThat(tiny.effectiveBatchSize()).isEqualTo(64);
            assertThat(patches.effectiveBatchSize()).isEqualTo(64);
        }
    }

    @Test
    void invalidUseIsRefusedWithTheValue() {
        try (GptForecaster forecaster = patchForecaster(4)) {
            assertThatThrownBy(() -> forecaster.forecast(List.of(), 0, LEVELS))
                    .hasMessage("horizon must be positive, was 0");
        }
        assertThatThrownBy(() -> GptForecaster.builder().setCheckpoint(patchCheckpoint).optBatchSize(0).build())
                .hasMessage("batchSize must be positive, was 0");
        assertThatThrownBy(() -> GptForecaster.builder().build())
                .hasMessage("checkpoint is required but was null");
        try (Checkpoint text = Checkpoint.create(TinyCheckpoints.textConfig("words", "1"), 3)) {
            assertThatThrownBy(() -> GptForecaster.builder().setCheckpoint(text).build())
                    .hasMessageContaining("checkpoint words@1 is a text model");
        }
        assertThat(TokenizerConfig.defaults().patchLength()).isEqualTo(16);
    }

    @Test
    void aSeriesThatGrowsSteadilyIsForecastThroughItsDifferences() {
        double[] growing = new double[40];
        SplittableRandom noise = new SplittableRandom(3);
        for (int t = 0; t < growing.length; t++) {
            growing[t] = 100 + 2 * t + 0.3 * noise.nextGaussian();
        }
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("economy/population"), growing);
        try (GptForecaster forecaster = patchForecaster(4);
                GptForecaster valuesOnly = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSteadyTrendsThroughDifferences(false).build()) {
            Forecast forecast = forecaster.forecast(List.of(request), 6, LEVELS).get(0);
            Forecast ordinary = valuesOnly.forecast(List.of(request), 6, LEVELS).get(0);
            // the differences of the values the model reads: the last CONTEXT of the 40
            double[] read = Arrays.copyOfRange(growing, growing.length - TinyCheckpoints.CONTEXT,
                    growing.length);
            Forecast ofDifferences = valuesOnly.forecast(List.of(ForecastRequest.ofValues(request.series(),
                    SteadyTrends.differences(read))), 6, LEVELS).get(0);

            assertSameForecast(forecast, SteadyTrends.integrate(ordinary, growing[39], ofDifferences, true), 1e-12);
            assertThat(forecast).isNotEqualTo(ordinary);
        }
    }

    @Test
    void aStricterSteadyRuleLeavesAModestDriftToTheOrdinaryForecast() {
        double[] growing = new double[40];
        SplittableRandom noise = new SplittableRandom(3);
        for (int t = 0; t < growing.length; t++) {
            growing[t] = 100 + 2 * t + 0.3 * noise.nextGaussian(); // about 25 standard errors over 31 steps
        }
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("economy/population"), growing);
        try (GptForecaster strict = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSteadyDriftStandardErrors(100).build();
                GptForecaster valuesOnly = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSteadyTrendsThroughDifferences(false).build()) {
            assertThat(strict.forecast(List.of(request), 6, LEVELS))
                    .isEqualTo(valuesOnly.forecast(List.of(request), 6, LEVELS));
        }
        assertThatThrownBy(() -> GptForecaster.builder().optSteadyDriftStandardErrors(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steadyDriftStandardErrors must be a positive finite number, was 0.0");
        assertThatThrownBy(() -> GptForecaster.builder().optSteadyDriftStandardErrors(Double.NaN))
                .hasMessageContaining("was NaN");
    }

    @Test
    void aSteadyFallIsFlooredAtZeroWhenTheValuesTheModelReadsNeverWentBelowIt() {
        int older = 8; // negative values before the last CONTEXT, which neither pass reads
        double[] falling = new double[older + TinyCheckpoints.CONTEXT];
        SplittableRandom noise = new SplittableRandom(4);
        for (int t = 0; t < falling.length; t++) {
            falling[t] = t < older ? -50 : 3 + 2 * (falling.length - 1 - t) + 0.1 * noise.nextGaussian();
        }
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("stock/remaining"), falling);
        try (GptForecaster forecaster = patchForecaster(4)) {
            Forecast forecast = forecaster.forecast(List.of(request), 6, LEVELS).get(0);

            assertThat(forecast.steps()).allSatisfy(step -> {
                assertThat(step.mean()).isGreaterThanOrEqualTo(0);
                assertThat(Arrays.stream(step.quantiles()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            });
            assertThat(forecast.steps().get(5).quantile(0)).as("six steps of -2 from about 3").isZero();
        }
    }

    @Test
    void aSeasonalSeriesIsForecastFromItsValuesAlone() {
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("load/a"), wave(60, 100, 2));
        try (GptForecaster forecaster = patchForecaster(4);
                GptForecaster valuesOnly = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSteadyTrendsThroughDifferences(false).build()) {
            assertThat(forecaster.forecast(List.of(request), 6, LEVELS))
                    .isEqualTo(valuesOnly.forecast(List.of(request), 6, LEVELS));
        }
    }

    @Test
    void aRegularCycleIsForecastThroughItsSeasonalDifferencesWhenItsBacktestFavoursThem() {
        int period = 6; // the tiny model reads 32 values: three backtests of 6 fit, with 8 differences left
        double[] cycle = noisyCycle(0, new SplittableRandom(8));
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("weather/temperature"), cycle);
        try (GptForecaster forecaster = patchForecaster(4);
                GptForecaster ordinary = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(0).build();
                GptForecaster valuesOnly = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(0).optSteadyTrendsThroughDifferences(false).build()) {
            Forecast forecast = forecaster.forecast(List.of(request), 6, LEVELS).get(0);
            Forecast usual = ordinary.forecast(List.of(request), 6, LEVELS).get(0);
            // the seasonal differences of the values the model reads and the period before them
            double[] read = Arrays.copyOfRange(cycle, cycle.length - TinyCheckpoints.CONTEXT - period, cycle.length);
            Forecast ofDifferences = valuesOnly.forecast(List.of(ForecastRequest.ofValues(request.series(),
                    SeasonalCycles.seasonalDifferences(read, period))), 6, LEVELS).get(0);

            assertSameForecast(forecast, SeasonalCycles.integrate(usual, read, period, ofDifferences, true), 1e-12);
            double seasonalError = 0;
            double usualError = 0;
            for (int h = 0; h < 6; h++) {
                double truth = 100 + 30 * Math.sin(2 * Math.PI * (cycle.length + h) / period);
                seasonalError += Math.abs(forecast.steps().get(h).mean() - truth);
                usualError += Math.abs(usual.steps().get(h).mean() - truth);
            }
            assertThat(seasonalError).as("the untrained model cannot draw the cycle; copied, it is nearly right")
                    .isLessThan(usualError / 4);
        }
    }

    @Test
    void progressCountsTheBacktestsSoItReachesEverySeriesOnlyAtTheEnd() {
        List<ForecastRequest> requests = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(9);
        for (int k = 0; k < 6; k++) {
            requests.add(ForecastRequest.ofValues(SeriesId.of("weather/station-" + k), noisyCycle(k, noise)));
        }
        List<Integer> reported = new ArrayList<>();
        try (GptForecaster forecaster = patchForecaster(2)) {
            forecaster.forecast(requests, 6, LEVELS, reported::add);
        }
        // the usual pass (6 series), the backtests (18 contexts, two passes), the seasonal pass (6): 48 in all, so
        // each of the 6 series shown is 8 series forecast, and the usual pass alone shows none
        assertThat(reported).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aKeptCycleDecisionServesTheNextForecastsOfTheSeriesThenItIsDecidedAgain() {
        SplittableRandom noise = new SplittableRandom(10);
        double[] cycle = new double[40];
        double[] walk = new double[40];
        for (int t = 0; t < cycle.length; t++) {
            cycle[t] = 100 + 30 * Math.sin(2 * Math.PI * t / 6) + 0.1 * noise.nextGaussian();
            walk[t] = (t == 0 ? 100 : walk[t - 1]) + noise.nextGaussian();
        }
        SeriesId id = SeriesId.of("weather/temperature");
        ForecastRequest cyclic = ForecastRequest.ofValues(id, cycle);
        ForecastRequest wandering = ForecastRequest.ofValues(id, walk); // the same series, no longer cyclic
        try (GptForecaster keeping = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optCycleDecisionsKept(1).build();
                GptForecaster fresh = patchForecaster(4);
                GptForecaster valuesOnly = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(0).optSteadyTrendsThroughDifferences(false).build()) {
            Forecast decided = keeping.forecast(List.of(cyclic), 6, LEVELS).get(0);
            Forecast kept = keeping.forecast(List.of(wandering), 6, LEVELS).get(0);
            Forecast decidedAgain = keeping.forecast(List.of(wandering), 6, LEVELS).get(0);

            assertThat(decided).isEqualTo(fresh.forecast(List.of(cyclic), 6, LEVELS).get(0));
            double[] read = Arrays.copyOfRange(walk, walk.length - TinyCheckpoints.CONTEXT - 6, walk.length);
            Forecast ofDifferences = valuesOnly.forecast(List.of(ForecastRequest.ofValues(id,
                    SeasonalCycles.seasonalDifferences(read, 6))), 6, LEVELS).get(0);
            assertSameForecast(kept, SeasonalCycles.integrate(decided, read, 6, ofDifferences, true), 1e-12);
            assertThat(decidedAgain).isEqualTo(fresh.forecast(List.of(wandering), 6, LEVELS).get(0))
                    .isNotEqualTo(kept);
        }
        assertThatThrownBy(() -> GptForecaster.builder().optCycleDecisionsKept(-1))
                .hasMessage("cycleDecisionsKept must be >= 0, was -1");
    }

    @Test
    void seriesKeepTheirCycleDecisionsForTheirOwnNumberOfForecastsSoTheyDoNotAllDecideAgainAtOnce() {
        Set<Integer> uses = new HashSet<>();
        for (int s = 0; s < 400; s++) {
            SeriesId id = SeriesId.of("live/series-" + s);
            int kept = GptForecaster.decisionUses(id, 64);
            assertThat(kept).isBetween(33, 64).isEqualTo(GptForecaster.decisionUses(id, 64));
            uses.add(kept);
        }
        assertThat(uses).hasSizeGreaterThan(28); // of the 32 possible: spread, not a handful
        assertThat(GptForecaster.decisionUses(SeriesId.of("live/series-0"), 1)).isEqualTo(1);
        assertThat(GptForecaster.decisionUses(SeriesId.of("live/series-0"), 2)).isEqualTo(2);
    }

    @Test
    void aCycleForecasterDecidesAndDrawsTheCyclesAndThisModelTheRest() {
        double[] cycle = noisyCycle(0, new SplittableRandom(12));
        List<ForecastRequest> request = List.of(ForecastRequest.ofValues(SeriesId.of("weather/temperature"), cycle));
        // a model reading 16 values sees no room for a backtest of a 6-step cycle: it keeps every series as usual
        CheckpointConfig shortSighted = CheckpointConfig.patches("tiny-short", "1", GptConfig.builder().optLayers(2)
                        .optWidth(32).optHeads(4).optContextLength(16 + TinyCheckpoints.REACH).optDropout(0f).build(),
                TokenizerConfig.patches(TinyCheckpoints.PATCH_LENGTH),
                new SeriesHeadConfig(16, TinyCheckpoints.REACH, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}),
                Map.of("purpose", "test"));
        try (Checkpoint other = Checkpoint.create(TinyCheckpoints.patchConfig("tiny-other", "1"), 13);
                Checkpoint shortSight = Checkpoint.create(shortSighted, 14);
                GptForecaster seesTheCycle = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optCyclesFrom(other, false).build();
                GptForecaster missesTheCycle = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optCyclesFrom(shortSight, false).build();
                GptForecaster otherAlone = GptForecaster.builder().setCheckpoint(other).build();
                GptForecaster own = patchForecaster(4);
                GptForecaster usual = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(0).build()) {
            Forecast copied = own.forecast(request, 6, LEVELS).get(0);
            Forecast ordinary = usual.forecast(request, 6, LEVELS).get(0);
            assertThat(copied).as("this model alone copies the cycle").isNotEqualTo(ordinary);

            assertThat(seesTheCycle.forecast(request, 6, LEVELS).get(0)).as("copied, the other model's differences")
                    .isEqualTo(otherAlone.forecast(request, 6, LEVELS).get(0)).isNotEqualTo(copied);
            assertThat(missesTheCycle.forecast(request, 6, LEVELS).get(0)).as("as the other model decided, by this one")
                    .isEqualTo(ordinary);
        }
    }

    @Test
    void theModelForTheCyclesIsClosedWithTheForecasterWhenAskedAndNotWhenBuildingFails() {
        Checkpoint base = Checkpoint.create(TinyCheckpoints.patchConfig("tiny-base", "1"), 15);
        GptForecaster.builder().setCheckpoint(patchCheckpoint).optCyclesFrom(base, true).build().close();
        assertThat(base.model().getNDManager().isOpen()).isFalse();
        assertThat(patchCheckpoint.model().getNDManager().isOpen()).isTrue(); // not asked to close its own

        CheckpointConfig asymmetric = CheckpointConfig.patches("tiny-asymmetric", "1",
                TinyCheckpoints.architecture(PositionEncoding.LEARNED),
                TokenizerConfig.patches(TinyCheckpoints.PATCH_LENGTH),
                new SeriesHeadConfig(TinyCheckpoints.CONTEXT, TinyCheckpoints.REACH, new double[] {0.1, 0.5, 0.8}),
                Map.of());
        try (Checkpoint kept = Checkpoint.create(TinyCheckpoints.patchConfig("tiny-kept", "1"), 16);
                Checkpoint refused = Checkpoint.create(asymmetric, 17)) {
            assertThatThrownBy(() -> GptForecaster.builder().setCheckpoint(refused).optFlipAveraging(true)
                    .optCyclesFrom(kept, true).build()).hasMessageContaining("symmetric around 0.5");
            assertThat(kept.model().getNDManager().isOpen()).as("the caller still owns it").isTrue();
        }
    }

    @Test
    void aStricterSeasonalMarginLeavesTheCycleToTheOrdinaryForecast() {
        double[] cycle = noisyCycle(0, new SplittableRandom(8));
        ForecastRequest request = ForecastRequest.ofValues(SeriesId.of("weather/temperature"), cycle);
        try (GptForecaster strict = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(1e-9).build();
                GptForecaster ordinary = GptForecaster.builder().setCheckpoint(patchCheckpoint)
                        .optSeasonalCycles(0).build()) {
            assertThat(strict.forecast(List.of(request), 6, LEVELS))
                    .isEqualTo(ordinary.forecast(List.of(request), 6, LEVELS));
        }
        assertThatThrownBy(() -> GptForecaster.builder().optSeasonalCycles(-0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seasonal margin must be a finite number >= 0, was -0.5");
        assertThatThrownBy(() -> GptForecaster.builder().optSeasonalCycles(Double.POSITIVE_INFINITY))
                .hasMessageContaining("was Infinity");
    }

    private static GptForecaster patchForecaster(int batchSize) {
        return GptForecaster.builder().setCheckpoint(patchCheckpoint).optBatchSize(batchSize).build();
    }

    private static GptForecaster binForecaster(long seed) {
        return GptForecaster.builder().setCheckpoint(binCheckpoint).optSeed(seed).optSampleCount(16).build();
    }

    private static void assertSameForecast(Forecast actual, Forecast expected, double relativeTolerance) {
        assertThat(actual.series()).isEqualTo(expected.series());
        assertThat(actual.horizon()).isEqualTo(expected.horizon());
        for (int step = 0; step < actual.horizon(); step++) {
            assertSameStep(actual.steps().get(step), expected.steps().get(step), relativeTolerance);
        }
    }

    private static void assertSameStep(ForecastStep actual, ForecastStep expected, double relativeTolerance) {
        double tolerance = relativeTolerance * Math.max(1, Math.abs(expected.mean()));
        assertThat(actual.mean()).isCloseTo(expected.mean(), within(tolerance));
        for (int q = 0; q < expected.quantiles().length; q++) {
            assertThat(actual.quantile(q)).isCloseTo(expected.quantile(q), within(tolerance));
        }
    }

    /** A sine wave of {@code length} values around {@code level}, phase-shifted by {@code phase}. */
    /** A rising line around {@code level} with noise: no cycle, no zero. */
    private static double[] noisyLine(int length, double level, SplittableRandom random) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = level + 0.2 * i + random.nextGaussian();
        }
        return values;
    }

    static double[] wave(int length, double level, int phase) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = level + 0.3 * level * Math.sin(2 * Math.PI * (i + phase) / 7.0);
        }
        return values;
    }

    /** 40 values of a cycle of 6 around 100 (amplitude 30), shifted by {@code phase}, with noise of sd 0.1. */
    private static double[] noisyCycle(int phase, SplittableRandom noise) {
        double[] cycle = new double[40];
        for (int t = 0; t < cycle.length; t++) {
            cycle[t] = 100 + 30 * Math.sin(2 * Math.PI * (t + phase) / 6) + 0.1 * noise.nextGaussian();
        }
        return cycle;
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
