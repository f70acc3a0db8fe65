package io.tidewise.training.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPT4TS-style adaptation: with frozen blocks, the attention and MLP weights end exactly as pretrained while norms,
 * positions, embedding and head move.
 */
class FrozenAdaptationTest {
    private static final GptConfig TINY = new GptConfig(2, 32, 2, 16, 0f, PositionEncoding.LEARNED);

    @Test
    void frozenModeKeepsPretrainedAttentionAndMlpWeights(@TempDir Path directory) throws IOException {
        Path text = directory.resolve("text");
        try (Checkpoint pretrained = Checkpoint.create(CheckpointConfig.text("text", "1", TINY, Map.of()), 9)) {
            pretrained.save(text);
        }
        List<TrainingSeries> series = new ArrayList<>();
        for (double[] values : AdapterTest.trendingSeasonalSeries(6, 80, new SplittableRandom(2))) {
            series.add(new TrainingSeries("s" + series.size(), values));
        }
        Path output = directory.resolve("frozen");
        Adapter.Result result = Adapter.run(new Adapter.Options(text, null, TokenizerKind.PATCH, 4, 0,
                Adapter.Mode.FROZEN, 64, 8, 20, 8, 3e-3f, 2, 3, 1000, output, "frozen", "1", Device.cpu(), false,
                Map.of(), Adapter.WindowOptions.REAL_ONLY, null, 0), new SeriesCorpus(series));

        assertThat(result.trainable()).isPositive().isLessThan(result.parameters());
        Map<String, float[]> before = stack(text);
        Map<String, float[]> after = stack(output);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        int moved = 0;
        for (String name : before.keySet()) {
            boolean adapts = name.contains("Norm") || name.contains("position");
            if (adapts) {
                moved += java.util.Arrays.equals(before.get(name), after.get(name)) ? 0 : 1;
            } else {
                assertThat(after.get(name)).as(name).containsExactly(before.get(name));
            }
        }
        assertThat(moved).as("norm and position parameters that changed").isPositive();
    }

    private static Map<String, float[]> stack(Path checkpoint) throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        try (Checkpoint loaded = Checkpoint.load(checkpoint)) {
            for (Pair<String, Parameter> parameter : loaded.gpt().stack().getParameters()) {
                values.put(parameter.getKey(), parameter.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }
}
