package io.tidewise.cli;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A tiny, randomly initialised patch checkpoint on disk: random weights are enough to test the plumbing. */
public final class TinyCheckpoint {
    private TinyCheckpoint() {}

    public static Path create(Path dir) throws IOException {
        GptConfig architecture = GptConfig.builder().optLayers(2).optWidth(32).optHeads(4).optContextLength(32 + 6)
                .optDropout(0f).build();
        CheckpointConfig config = CheckpointConfig.patches("tiny", "1", architecture, TokenizerConfig.patches(4),
                new SeriesHeadConfig(32, 6, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}), Map.of("purpose", "test"));
        try (Checkpoint checkpoint = Checkpoint.create(config, 5)) {
            checkpoint.save(dir);
        }
        return dir;
    }

    /** The same stack as a bin series model (64 bins, rotary positions). */
    public static Path createBins(Path dir) throws IOException {
        GptConfig architecture = GptConfig.builder().optLayers(2).optWidth(32).optHeads(4).optContextLength(32 + 6)
                .optDropout(0f).optPositions(PositionEncoding.ROTARY).build();
        CheckpointConfig config = CheckpointConfig.bins("tiny-bins", "1", architecture, TokenizerConfig.bins(64),
                new SeriesHeadConfig(32, 6, new double[0]), Map.of("purpose", "test"));
        try (Checkpoint checkpoint = Checkpoint.create(config, 5)) {
            checkpoint.save(dir);
        }
        return dir;
    }
}
