package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Positions, the decoder blocks and the final norm: everything between token embedding and head, and the part a
 * text-pretrained model hands over to a series model. Letters as in {@link Gpt}.
 */
public final class DecoderStack extends AbstractBlock {
    private final GptConfig config;
    private final Parameter positionTable; // (context, C); null with rotary positions
    private final List<DecoderBlock> blocks;
    private final LayerNorm finalNorm;

    DecoderStack(GptConfig config) {
        this.config = config;
        if (config.positions() == PositionEncoding.LEARNED) {
            this.positionTable = addParameter(Parameter.builder()
                    .setName("positionTable")
                    .setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(config.contextLength(), config.width()))
                    .build());
        } else {
            this.positionTable = null;
        }
        List<DecoderBlock> list = new ArrayList<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            list.add(addChildBlock("block" + layer, new DecoderBlock(config)));
        }
        this.blocks = Collections.unmodifiableList(list);
        this.finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
    }

    public GptConfig config() {
        return config;
    }

    /** The decoder blocks in order; freezing them while training norms, positions and heads is GPT4TS's recipe. */
    public List<DecoderBlock> blocks() {
        return blocks;
    }

    /**
     * @param x     (B, T, C) token embeddings
     * @param cache null for a full pass from position 0; otherwise the T tokens continue the cached ones and the
     *              cache is extended by them
     * @param keyPadding null, or (B, 1, 1, S + T) additive scores that hide padded keys from every query
     * @return (B, T, C)
     */
    NDArray forward(ParameterStore parameterStore, NDArray x, boolean training, KvCache cache, NDArray keyPadding) {
        int tokens = (int) x.getShape().get(1);
        int start = cache == null ? 0 : cache.length();
        if (start + tokens > config.contextLength()) {
            throw new IllegalArgumentException("sequence length must be at most contextLength "
                    + config.contextLength() + ", was " + (start + tokens) + " (" + start + " cached + " + tokens
                    + " new tokens)");
        }
        if (cache != null && cache.layers() != blocks.size()) {
            throw new IllegalArgumentException("cache must have one slot per layer (" + blocks.size() + "), had "
                    + cache.layers());
        }
        if (positionTable != null) {
            NDArray table = parameterStore.getValue(positionTable, x.getDevice(), training); // (context, C)
            NDArray positions = x.getManager().arange(start, start + tokens)
                    .toType(DataType.INT64, false).toDevice(x.getDevice(), false); // (T)
            x = x.add(Embedding.embedding(positions, table, SparseFormat.DENSE).singletonOrThrow()); // (B, T, C)
        }
        for (int layer = 0; layer < blocks.size(); layer++) {
            x = blocks.get(layer).forward(parameterStore, x, training, cache, layer, keyPadding); // (B, T, C)
        }
        if (cache != null) {
            cache.advance(tokens);
        }
        return finalNorm.forward(parameterStore, new NDList(x), training).singletonOrThrow(); // (B, T, C)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(parameterStore, inputs.singletonOrThrow(), training, null, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (DecoderBlock block : blocks) {
            block.initialize(manager, dataType, inputShapes[0]);
        }
        finalNorm.initialize(manager, dataType, inputShapes[0]);
    }
}
