package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A table of one learned vector per token id: bytes of text and, in the same table, the bins of series values.
 * Letters as in {@link Gpt}; V is the vocabulary size.
 */
public final class TokenEmbedding extends AbstractBlock {
    private final int vocabularySize;
    private final Parameter table; // (V, C)

    TokenEmbedding(int vocabularySize, int width) {
        this.vocabularySize = vocabularySize;
        this.table = addParameter(Parameter.builder()
                .setName("table")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabularySize, width))
                .build());
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    /** Input: token ids (B, T), any integer type. Output: (B, T, C). */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        if (ids.getDataType() != DataType.INT64) {
            ids = ids.toType(DataType.INT64, false); // (B, T)
        }
        NDArray weights = parameterStore.getValue(table, ids.getDevice(), training); // (V, C)
        return Embedding.embedding(ids, weights, SparseFormat.DENSE); // (B, T, C)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(table.getShape().get(1))};
    }
}
