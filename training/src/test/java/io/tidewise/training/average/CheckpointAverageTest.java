package io.tidewise.training.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.QuantileLevels;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointAverageTest {
    private static CheckpointConfig config(int width) {
        return CheckpointConfig.patches("tiny", "1", new GptConfig(2, width, 2, 16, 0f, PositionEncoding.LEARNED),
                TokenizerConfig.patches(4), new SeriesHeadConfig(64, 8, QuantileLevels.DECILES.toArray()), Map.of());
    }

    @Test
    void everyParameterIsTheWeightedMeanAndTheResultSavesAndLoads(@TempDir Path directory) throws Exception {
        try (Checkpoint a = Checkpoint.create(config(32), 1);
                Checkpoint b = Checkpoint.create(config(32), 2);
                Checkpoint mean = CheckpointAverage.average(List.of(a, b), List.of(3.0, 1.0), "soup", "7")) {
            int parameters = a.gpt().getParameters().size();
            for (int p = 0; p < parameters; p++) {
                float[] first = a.gpt().getParameters().valueAt(p).getArray().toFloatArray();
                float[] second = b.gpt().getParameters().valueAt(p).getArray().toFloatArray();
                float[] averaged = mean.gpt().getParameters().valueAt(p).getArray().toFloatArray();
                for (int k = 0; k < averaged.length; k += Math.max(1, averaged.length / 17)) {
                    assertThat(averaged[k]).isCloseTo(0.75f * first[k] + 0.25f * second[k],
                            org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
            assertThat(mean.modelId()).isEqualTo("soup@7");
            assertThat(mean.config().provenance().get("averageOf").toString()).contains("tiny@1", "weight=0.75");
            mean.save(directory);
            try (Checkpoint loaded = Checkpoint.load(directory)) {
                assertThat(loaded.gpt().getParameters().valueAt(0).getArray().toFloatArray())
                        .isEqualTo(mean.gpt().getParameters().valueAt(0).getArray().toFloatArray());
            }
        }
    }

    @Test
    void checkpointsOfDifferentShapesOrBadWeightsAreRefusedWithTheValue() {
        try (Checkpoint a = Checkpoint.create(config(32), 1); Checkpoint wide = Checkpoint.create(config(64), 2)) {
            assertThatThrownBy(() -> CheckpointAverage.average(List.of(a, wide), List.of(1.0, 1.0), "x", "1"))
                    .hasMessageContaining("must share their architecture").hasMessageContaining("width=64");
            assertThatThrownBy(() -> CheckpointAverage.average(List.of(a, a), List.of(1.0, -1.0), "x", "1"))
                    .hasMessage("weights must be finite and not negative, were [1.0, -1.0]");
            assertThatThrownBy(() -> CheckpointAverage.average(List.of(a, a), List.of(1.0), "x", "1"))
                    .hasMessage("weights must hold one weight per checkpoint (2), had 1: [1.0]");
        }
    }
}
