package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Direct multi-step quantile head (Chronos-Bolt): from each token's vector, the scaled values of the next R steps
 * at Q quantile levels at once, so a horizon of up to R costs one forward pass. Letters as in {@link Gpt}; R is the
 * head's reach, Q the number of quantile levels. A {@link ResidualMlp} reads the token out, as Chronos-Bolt's output
 * block does. Input (B, T, C), output (B, T, R, Q).
 */
public final class QuantileHead extends AbstractBlock {
    private final int reach;
    private final int quantiles;
    private final ResidualMlp projection;

    QuantileHead(int width, int reach, int quantiles) {
        this.reach = reach;
        this.quantiles = quantiles;
        this.projection = addChildBlock("projection", new ResidualMlp(width, reach * quantiles));
    }

    public int reach() {
        return reach;
    }

    public int quantiles() {
        return quantiles;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.singletonOrThrow(); // (B, T, C)
        Shape shape = hidden.getShape();
        NDArray flat = projection.forward(parameterStore, inputs, training).singletonOrThrow(); // (B, T, R*Q)
        return new NDList(flat.reshape(shape.get(0), shape.get(1), reach, quantiles)); // (B, T, R, Q)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = inputShapes[0];
        return new Shape[] {new Shape(hidden.get(0), hidden.get(1), reach, quantiles)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes);
    }
}
