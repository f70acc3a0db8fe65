package io.tidewise.streaming.inference;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real GPT checkpoint, tiny and untrained, written to a directory: random weights are enough to run the real
 * forecaster through the streaming operators (loading, batching, roll-out beyond the head's reach, quantiles).
 */
public final class TinyGptCheckpoint {
    public static final String MODEL_ID = "tiny-patch@1";
    public static final int CONTEXT = 32;
    public static final int REACH = 6;

    private TinyGptCheckpoint() {}

    public static Path write(Path directory) throws IOException {
        GptConfig architecture = GptConfig.builder()
                .optLayers(2)
                .optWidth(32)
                .optHeads(4)
                .optContextLength(CONTEXT + REACH)
                .optDropout(0f)
                .optPositions(PositionEncoding.LEARNED)
                .build();
        CheckpointConfig config = CheckpointConfig.patches("tiny-patch", "1", architecture,
                TokenizerConfig.patches(4), new SeriesHeadConfig(CONTEXT, REACH,
                        new double[] {0.1, 0.3, 0.5, 0.7, 0.9}), Map.of("purpose", "streaming tests"));
        try (Checkpoint checkpoint = Checkpoint.create(config, 11)) {
            checkpoint.save(directory);
        }
        return directory;
    }
}
