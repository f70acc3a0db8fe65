package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code linear(x) + narrow(gelu(widen(x)))}: the residual block Chronos-Bolt and TimesFM use to embed input patches
 * and to read out output patches. The linear skip keeps a plain projection available from the first step; the
 * hidden layer adds the non-linear features (a patch's shape, how much of it is missing) a single projection lacks.
 * Input (..., I), output (..., O).
 */
public final class ResidualMlp extends AbstractBlock {
    private final Linear widen;
    private final Linear narrow;
    private final Linear skip;

    ResidualMlp(int hidden, int out) {
        this.widen = addChildBlock("widen", Linear.builder().setUnits(hidden).build());
        this.narrow = addChildBlock("narrow", Linear.builder().setUnits(out).build());
        this.skip = addChildBlock("skip", Linear.builder().setUnits(out).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = Activation.gelu(widen.forward(parameterStore, inputs, training).singletonOrThrow()); // (..., H)
        NDArray out = narrow.forward(parameterStore, new NDList(hidden), training).singletonOrThrow(); // (..., O)
        return new NDList(out.add(skip.forward(parameterStore, inputs, training).singletonOrThrow())); // (..., O)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return skip.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        widen.initialize(manager, dataType, inputShapes);
        narrow.initialize(manager, dataType, widen.getOutputShapes(inputShapes));
        skip.initialize(manager, dataType, inputShapes);
    }
}
