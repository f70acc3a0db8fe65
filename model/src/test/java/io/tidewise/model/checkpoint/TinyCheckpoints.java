package io.tidewise.model.checkpoint;

import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.model.tokenize.TokenizerConfig;
import java.util.Map;

/** Untrained, tiny checkpoints of each shape for tests: random weights are enough to test plumbing. */
public final class TinyCheckpoints {
    public static final int PATCH_LENGTH = 4;
    public static final int CONTEXT = 32;
    public static final int REACH = 6;
    public static final int BINS = 64;

    private TinyCheckpoints() {}

    public static GptConfig architecture(PositionEncoding positions) {
        return GptConfig.builder()
                .optLayers(2)
                .optWidth(32)
                .optHeads(4)
                .optContextLength(CONTEXT + REACH)
                .optDropout(0f)
                .optPositions(positions)
                .build();
    }

    public static CheckpointConfig patchConfig(String name, String version) {
        return CheckpointConfig.patches(name, version, architecture(PositionEncoding.LEARNED),
                TokenizerConfig.patches(PATCH_LENGTH),
                new SeriesHeadConfig(CONTEXT, REACH, new double[] {0.1, 0.3, 0.5, 0.7, 0.9}),
                Map.of("purpose", "test"));
    }

    public static CheckpointConfig binConfig(String name, String version) {
        return CheckpointConfig.bins(name, version, architecture(PositionEncoding.ROTARY), TokenizerConfig.bins(BINS),
                new SeriesHeadConfig(CONTEXT, REACH, new double[0]), Map.of("purpose", "test"));
    }

    public static CheckpointConfig textConfig(String name, String version) {
        return CheckpointConfig.text(name, version, architecture(PositionEncoding.LEARNED), Map.of());
    }

    public static Checkpoint patchModel() {
        return Checkpoint.create(patchConfig("tiny-patch", "1"), 11);
    }

    public static Checkpoint binModel() {
        return Checkpoint.create(binConfig("tiny-bin", "1"), 12);
    }
}
