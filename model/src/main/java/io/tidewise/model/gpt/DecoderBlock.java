package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm decoder block, nanoGPT's shape: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}.
 * Normalising before each branch keeps the residual stream an identity path, which is what lets deep stacks train
 * without warm-up tricks. Letters as in {@link Gpt}.
 */
public final class DecoderBlock extends AbstractBlock {
    private final LayerNorm attentionNorm;
    private final CausalSelfAttention attention;
    private final LayerNorm mlpNorm;
    private final Mlp mlp;

    DecoderBlock(GptConfig config) {
        // axis 2 normalises each token's C values; DJL's default would normalise over (T, C) together
        this.attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
        this.attention = addChildBlock("attention", new CausalSelfAttention(config));
        this.mlpNorm = addChildBlock("mlpNorm", LayerNorm.builder().axis(2).build());
        this.mlp = addChildBlock("mlp", new Mlp(config));
    }

    CausalSelfAttention attention() {
        return attention;
    }

    Mlp mlp() {
        return mlp;
    }

    /**
     * @param x     (B, T, C)
     * @param cache null for a full pass from position 0
     * @param keyPadding null, or (B, 1, 1, S + T) additive scores that hide padded keys
     * @return (B, T, C)
     */
    NDArray forward(ParameterStore parameterStore, NDArray x, boolean training, KvCache cache, int layer,
            NDArray keyPadding) {
        NDArray normed = attentionNorm.forward(parameterStore, new NDList(x), training).singletonOrThrow(); // (B, T, C)
        x = x.add(attention.forward(parameterStore, normed, training, cache, layer, keyPadding)); // (B, T, C)
        normed = mlpNorm.forward(parameterStore, new NDList(x), training).singletonOrThrow(); // (B, T, C)
        return x.add(mlp.forward(parameterStore, new NDList(normed), training).singletonOrThrow()); // (B, T, C)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(parameterStore, inputs.singletonOrThrow(), training, null, 0, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        attentionNorm.initialize(manager, dataType, inputShapes[0]);
        attention.initialize(manager, dataType, inputShapes[0]);
        mlpNorm.initialize(manager, dataType, inputShapes[0]);
        mlp.initialize(manager, dataType, inputShapes[0]);
    }
}
