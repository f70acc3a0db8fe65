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
    private static final int CONTEXT = 32;
    private static final int REACH = 6;
    private static final Map<String, Object> PROVENANCE = Map.of("purpose", "test");

    private TinyCheckpoint() {}

    public static Path create(Path dir) throws IOException {
        return save(CheckpointConfig.patches("tiny", "1", stack().build(), TokenizerConfig.patches(4),
                new SeriesHeadConfig(CONTEXT, REACH, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}), PROVENANCE), dir);
    }

    /** The same stack as a bin series model (64 bins, rotary positions). */
    public static Path createBins(Path dir) throws IOException {
        return save(CheckpointConfig.bins("tiny-bins", "1", stack().optPositions(PositionEncoding.ROTARY).build(),
                TokenizerConfig.bins(64), new SeriesHeadConfig(CONTEXT, REACH, new double[0]), PROVENANCE), dir);
    }

    private static GptConfig.Builder stack() {
        return GptConfig.builder().optLayers(2).optWidth(32).optHeads(4).optContextLength(CONTEXT + REACH)
                .optDropout(0f);
    }

    private static Path save(CheckpointConfig config, Path dir) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.create(config, 5)) {
            checkpoint.save(dir);
        }
        return dir;
    }
}
