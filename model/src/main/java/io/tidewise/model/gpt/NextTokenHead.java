package io.tidewise.model.gpt;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Logits of the next token over the whole vocabulary: the byte language-model head for text, and the
 * next-bin head for bin tokens. Letters as in {@link Gpt}. Input (B, T, C), output (B, T, V).
 */
public final class NextTokenHead extends AbstractBlock {
    private final int vocabularySize;
    private final Linear projection;

    NextTokenHead(int vocabularySize) {
        this.vocabularySize = vocabularySize;
        this.projection = addChildBlock("projection", Linear.builder().setUnits(vocabularySize).optBias(false).build());
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return projection.forward(parameterStore, inputs, training); // (B, T, V)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return projection.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes);
    }
}
