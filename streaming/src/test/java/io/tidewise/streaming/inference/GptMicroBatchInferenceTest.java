package io.tidewise.streaming.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.streaming.context.ForecastTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micro-batched inference with the real GPT forecaster loaded from a checkpoint directory. */
class GptMicroBatchInferenceTest {
    private static final Frequency HOURLY = Frequency.parse("1h");

    @Test
    void aRegistryFactoryLoadsThePromotedVersionOfTheModelAskedFor(@TempDir Path directory) throws Exception {
        Path root = directory.resolve("models");
        TinyGptCheckpoint.write(root.resolve("tiny-patch/1"));
        ModelRegistry registry = new ModelRegistry(root);
        registry.promote("tiny-patch", "1");
        RegistryForecasterFactory factory = new RegistryForecasterFactory(root, "tiny-patch");
        try (Forecaster forecaster = factory.create()) {
            assertThat(forecaster.modelId()).isEqualTo(TinyGptCheckpoint.MODEL_ID);
        }
        assertThatThrownBy(() -> factory.create("no-such-model"))
                .hasMessage("model 'no-such-model' has no promoted version in the registry at " + root.toAbsolutePath()
                        + " (versions: [])");
    }

    @Test
    void forecastsABatchWithTheCheckpointsModelBeyondItsHeadsReach(@TempDir Path directory) throws Exception {
        Path checkpoint = TinyGptCheckpoint.write(directory.resolve("tiny-patch/1"));
        int horizon = TinyGptCheckpoint.REACH + 3;
        try (OneInputStreamOperatorTestHarness<ForecastTrigger, IssuedForecast> harness =
                new OneInputStreamOperatorTestHarness<>(new MicroBatchInference(
                        new CheckpointForecasterFactory(checkpoint), QuantileLevels.DECILES, 3,
                        Duration.ofSeconds(10)))) {
            harness.open();
            Instant last = Instant.parse("2024-06-01T12:00:00Z");
            for (int series = 0; series < 3; series++) {
                double[] context = new double[20 + series];
                for (int i = 0; i < context.length; i++) {
                    context[i] = 50 + 10 * Math.sin(i / 3.0) + series;
                }
                context[5] = Double.NaN;
                harness.processElement(new ForecastTrigger(SeriesId.of("traffic/s" + series + "/flow"),
                        Domain.TRAFFIC, context, last, HOURLY, horizon, 1.0), last.toEpochMilli());
            }

            List<IssuedForecast> forecasts = harness.extractOutputValues();
            assertThat(forecasts).hasSize(3);
            for (IssuedForecast forecast : forecasts) {
                assertThat(forecast.modelId()).isEqualTo(TinyGptCheckpoint.MODEL_ID);
                assertThat(forecast.horizon()).isEqualTo(horizon);
                assertThat(forecast.levels()).containsExactly(QuantileLevels.DECILES.toArray());
                for (int step = 1; step <= horizon; step++) {
                    assertThat(forecast.targetTime(step)).isEqualTo(HOURLY.add(last, step));
                    assertThat(forecast.quantiles()[step - 1]).isSorted();
                }
            }
            // Each forecast comes from its own context: the batch is not answered with one series' forecast.
            assertThat(forecasts.get(0).means()).isNotEqualTo(forecasts.get(2).means());
        }
    }
}
