package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The position-wise feed-forward part of a block: widen 4x, GELU, narrow back. Letters as in {@link Gpt}. */
public final class Mlp extends AbstractBlock {
    private static final int EXPANSION = 4;

    private final GptConfig config;
    private final Linear expand;
    private final Linear projection;

    Mlp(GptConfig config) {
        this.config = config;
        this.expand = addChildBlock("expand", Linear.builder().setUnits((long) EXPANSION * config.width()).build());
        this.projection = addChildBlock("projection", Linear.builder().setUnits(config.width()).build());
    }

    /** The output projection, whose initial weights GPT-2 scales down by depth. */
    Linear projection() {
        return projection;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // (B, T, C)
        NDArray hidden = expand.forward(parameterStore, new NDList(x), training).singletonOrThrow(); // (B, T, 4C)
        hidden = Activation.gelu(hidden); // (B, T, 4C)
        NDArray out = projection.forward(parameterStore, new NDList(hidden), training).singletonOrThrow(); // (B, T, C)
        return Dropout.dropout(out, config.dropout(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape input = inputShapes[0];
        expand.initialize(manager, dataType, input);
        Shape widened = expand.getOutputShapes(new Shape[] {input})[0];
        projection.initialize(manager, dataType, widened);
    }
}
