package io.tidewise.model.gpt;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Tiny networks for tests: small enough that a forward pass costs microseconds on a laptop core. */
final class GptTestSupport {
    static final int PATCH_LENGTH = 4;
    static final int REACH = 3;
    static final int QUANTILES = 5;
    static final int VOCABULARY = 40;

    private GptTestSupport() {}

    static GptConfig tinyConfig(PositionEncoding positions) {
        return GptConfig.builder()
                .optLayers(2)
                .optWidth(32)
                .optHeads(4)
                .optContextLength(24)
                .optDropout(0f)
                .optPositions(positions)
                .build();
    }

    static Gpt tokenModel(NDManager manager, PositionEncoding positions) {
        Engine.getInstance().setRandomSeed(7);
        Gpt gpt = Gpt.builder().setConfig(tinyConfig(positions)).setTokens(VOCABULARY).build();
        gpt.initialize(manager, DataType.FLOAT32, gpt.inputShapes(1, 8));
        return gpt;
    }

    static Gpt patchModel(NDManager manager, PositionEncoding positions) {
        Engine.getInstance().setRandomSeed(7);
        Gpt gpt = Gpt.builder().setConfig(tinyConfig(positions)).setPatches(PATCH_LENGTH, REACH, QUANTILES).build();
        gpt.initialize(manager, DataType.FLOAT32, gpt.inputShapes(1, 8));
        return gpt;
    }
}
