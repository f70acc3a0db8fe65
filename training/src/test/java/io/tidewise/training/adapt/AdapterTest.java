package io.tidewise.training.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.tidewise.core.QuantileLevels;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.evaluate.Backtest;
import io.tidewise.training.evaluate.BacktestReport;
import io.tidewise.training.evaluate.EvaluationSeries;
import io.tidewise.training.evaluate.RollingOrigin;
import io.tidewise.training.evaluate.ForecasterMethod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adapting a tiny patch model on a small synthetic set of trending seasonal series makes it beat seasonal naive
 * (which cannot see a trend) on held-out windows of those series.
 */
class AdapterTest {
    private static final int SEASON = 12;
    private static final int HORIZON = 8;

    @Test
    void adaptationBeatsSeasonalNaiveOnItsSyntheticSet(@TempDir Path directory) throws IOException {
        List<double[]> series = trendingSeasonalSeries(24, 160, new SplittableRandom(5));
        List<TrainingSeries> training = new ArrayList<>();
        List<EvaluationSeries> evaluation = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double[] values = series.get(i);
            training.add(new TrainingSeries("s" + i, Arrays.copyOf(values, values.length - HORIZON)));
            evaluation.add(new EvaluationSeries("s" + i, values, SEASON));
        }
        GptConfig tiny = new GptConfig(2, 32, 2, 16, 0f, PositionEncoding.LEARNED);
        Path output = directory.resolve("adapted");
        Adapter.Result result = Adapter.run(new Adapter.Options(null, tiny, TokenizerKind.PATCH, 4, 0,
                Adapter.Mode.FULL, 64, HORIZON, 250, 16, 3e-3f, 10, 3, 1000, output, "tiny", "1", Device.cpu(), false,
                Map.of(), Adapter.WindowOptions.REAL_ONLY, null, 0), new SeriesCorpus(training));

        assertThat(result.losses().get(result.losses().size() - 1)).isLessThan(result.losses().get(0) * 0.5f);
        try (GptForecaster forecaster = GptForecaster.load(output)) {
            BacktestReport report = Backtest.builder()
                    .setWindows(RollingOrigin.builder().setHorizon(HORIZON).optWindows(1).build())
                    .optLevels(QuantileLevels.DECILES)
                    .optBaseline(SeasonalNaive.normal())
                    .addMethod(new ForecasterMethod(forecaster, "gpt"))
                    .build()
                    .run(evaluation);
            double gpt = report.summary("gpt").meanMase();
            double naive = report.summary(report.baseline()).meanMase();
            assertThat(gpt).as(report.toTable()).isLessThan(naive);
            assertThat(report.summary("gpt").geometricMeanRelativeMase()).as(report.toTable()).isLessThan(1.0);
        }
        assertThat(Checkpoint.readConfig(output).provenance()).containsEntry("init", "random");
    }

    @Test
    void aContinuedModelMayReadALongerContextButKeepsItsReach(@TempDir Path directory) throws IOException {
        List<TrainingSeries> training = new ArrayList<>();
        List<double[]> series = trendingSeasonalSeries(4, 160, new SplittableRandom(6));
        for (int i = 0; i < series.size(); i++) {
            training.add(new TrainingSeries("s" + i, series.get(i)));
        }
        GptConfig tiny = new GptConfig(2, 32, 2, 16, 0f, PositionEncoding.LEARNED);
        Path first = directory.resolve("first");
        Adapter.run(options(null, tiny, 32, 0, first), new SeriesCorpus(training));
        assertThat(Checkpoint.readConfig(first).series().contextLength()).isEqualTo(32);

        Path longer = directory.resolve("longer");
        Adapter.run(options(first, null, 64, 0, longer), new SeriesCorpus(training));
        assertThat(Checkpoint.readConfig(longer).series().contextLength()).isEqualTo(64);
        assertThat(Checkpoint.readConfig(longer).series().reach()).isEqualTo(HORIZON);
        try (GptForecaster forecaster = GptForecaster.load(longer)) {
            assertThat(forecaster.maxContextLength()).isEqualTo(64);
        }

        Path kept = directory.resolve("kept");
        Adapter.run(options(longer, null, 0, 0, kept), new SeriesCorpus(training));
        assertThat(Checkpoint.readConfig(kept).series().contextLength()).isEqualTo(64);

        Path interrupted = directory.resolve("interrupted");
        Adapter.run(options(first, null, 64, 0, interrupted, 1, 2), new SeriesCorpus(training));
        assertThatThrownBy(() -> Adapter.run(options(first, null, 0, 0, interrupted), new SeriesCorpus(training)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the run was started with series SeriesHeadConfig[contextLength=64")
                .hasMessageContaining("resuming it with SeriesHeadConfig[contextLength=32");

        assertThatThrownBy(() -> Adapter.run(options(first, null, 0, HORIZON / 2, directory.resolve("reach")),
                new SeriesCorpus(training)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reach (--reach) " + HORIZON / 2)
                .hasMessageContaining("is " + HORIZON);
        assertThatThrownBy(() -> Adapter.run(options(first, null, 128, 0, directory.resolve("too-long")),
                new SeriesCorpus(training)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series.contextLength 128");
    }

    private static Adapter.Options options(Path init, GptConfig architecture, int contextValues, int reach,
                                           Path output) {
        return options(init, architecture, contextValues, reach, output, 1000, 0);
    }

    private static Adapter.Options options(Path init, GptConfig architecture, int contextValues, int reach,
                                           Path output, int checkpointEvery, int stopAfter) {
        return new Adapter.Options(init, architecture, TokenizerKind.PATCH, init == null ? 4 : 0, 0,
                Adapter.Mode.FULL, contextValues, init == null ? HORIZON : reach, 3, 4, 1e-3f, 1, 3, checkpointEvery,
                output, "tiny", "1", Device.cpu(), false, Map.of(), Adapter.WindowOptions.REAL_ONLY, null, stopAfter);
    }

    /** Level, linear trend, a 12-step season and noise, all drawn per series. */
    static List<double[]> trendingSeasonalSeries(int count, int length, SplittableRandom random) {
        List<double[]> all = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double level = 20 + 80 * random.nextDouble();
            double slope = (random.nextDouble() - 0.3) * level / 40;
            double amplitude = level * (0.1 + 0.3 * random.nextDouble());
            double phase = random.nextDouble() * 2 * Math.PI;
            double[] values = new double[length];
            for (int t = 0; t < length; t++) {
                values[t] = level + slope * t + amplitude * Math.sin(2 * Math.PI * t / SEASON + phase)
                        + level * 0.02 * random.nextGaussian();
            }
            all.add(values);
        }
        return all;
    }
}
