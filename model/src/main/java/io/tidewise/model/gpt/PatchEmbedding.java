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
 * Turns a patch of P scaled values and its observed-mask into one token vector by a {@link ResidualMlp} over the 2P
 * numbers (Chronos-Bolt, TimesFM). The mask is an input in its own right, so a missing value is never mistaken for a
 * zero. Letters as in {@link Gpt}; P is the patch length.
 */
public final class PatchEmbedding extends AbstractBlock {
    private final int patchLength;
    private final ResidualMlp projection;

    PatchEmbedding(int patchLength, int width) {
        this.patchLength = patchLength;
        this.projection = addChildBlock("projection", new ResidualMlp(width, width));
    }

    public int patchLength() {
        return patchLength;
    }

    /**
     * Input: values (B, T, P), scaled, 0 where missing; mask (B, T, P), 1 where observed and 0 where missing.
     * Output: (B, T, C).
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray values = inputs.get(0); // (B, T, P)
        NDArray mask = inputs.get(1); // (B, T, P)
        if (values.getShape().get(2) != patchLength || mask.getShape().get(2) != patchLength) {
            throw new IllegalArgumentException("patch inputs must have " + patchLength + " values per token, were "
                    + values.getShape() + " and mask " + mask.getShape());
        }
        NDArray features = values.concat(mask.toType(values.getDataType(), false), 2); // (B, T, 2P)
        return projection.forward(parameterStore, new NDList(features), training); // (B, T, C)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape values = inputShapes[0];
        return projection.getOutputShapes(new Shape[] {values.slice(0, 2).add(2L * patchLength)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes[0].slice(0, 2).add(2L * patchLength));
    }
}
