package io.tidewise.ui.testing;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A registry holding one untrained, tiny patch model ({@value #ID}, promoted) with a metrics file and a card: the
 * app's plumbing (what-if, Models view) needs a loadable model, not a good one, and must not touch the repository's
 * own registry.
 */
public final class TinyModel {
    public static final String ID = "tiny@1";

    private TinyModel() {}

    public static Path registry(Path root) throws IOException {
        GptConfig architecture = GptConfig.builder().optLayers(2).optWidth(32).optHeads(4).optContextLength(40)
                .optDropout(0f).optPositions(PositionEncoding.LEARNED).build();
        CheckpointConfig config = CheckpointConfig.patches("tiny", "1", architecture, TokenizerConfig.patches(4),
                new SeriesHeadConfig(32, 8, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}), Map.of("purpose", "ui test"));
        ModelRegistry registry = new ModelRegistry(root);
        try (Checkpoint checkpoint = Checkpoint.create(config, 7)) {
            Path directory = registry.register(checkpoint);
            Checkpoint.writeMetrics(directory, Map.of("mase", Map.of("tiny@1", 1.25, "seasonal_naive", 1.0)));
            Checkpoint.writeModelCard(directory, "# tiny\n\nAn untrained model for tests.\n\n| metric | value |\n"
                    + "|---|---|\n| MASE | 1.25 |\n");
        }
        registry.promote("tiny", "1");
        return root;
    }
}
