package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention in which a token sees itself and the tokens before it, never after. With a
 * {@link KvCache} the keys and values of earlier tokens are reused, so feeding T new tokens attends over S + T.
 *
 * <p>Letters: B batch, T new tokens, S cached tokens, C width, nh heads, hs head size (C = nh * hs).
 */
public final class CausalSelfAttention extends AbstractBlock {
    private static final float MASKED = -1e9f; // exp underflows to exactly 0 in float32, without inf - inf NaNs

    private final GptConfig config;
    private final Linear queryKeyValue;
    private final Linear projection;

    CausalSelfAttention(GptConfig config) {
        this.config = config;
        this.queryKeyValue = addChildBlock("queryKeyValue", Linear.builder().setUnits(3L * config.width()).build());
        this.projection = addChildBlock("projection", Linear.builder().setUnits(config.width()).build());
    }

    /** The output projection, whose initial weights GPT-2 scales down by depth. */
    Linear projection() {
        return projection;
    }

    /**
     * @param x     (B, T, C)
     * @param cache null for a full causal pass from position 0
     * @param layer index of this block's slot in the cache
     * @return (B, T, C)
     */
    NDArray forward(ParameterStore parameterStore, NDArray x, boolean training, KvCache cache, int layer) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        int tokens = (int) shape.get(1);
        int heads = config.heads();
        int headSize = config.headSize();
        int start = cache == null ? 0 : cache.length();

        NDArray qkv = queryKeyValue.forward(parameterStore, new NDList(x), training).singletonOrThrow(); // (B, T, 3C)
        NDList parts = qkv.split(3, 2);
        NDArray query = splitHeads(parts.get(0), batch, tokens, heads, headSize); // (B, nh, T, hs)
        NDArray key = splitHeads(parts.get(1), batch, tokens, heads, headSize); // (B, nh, T, hs)
        NDArray value = splitHeads(parts.get(2), batch, tokens, heads, headSize); // (B, nh, T, hs)
        if (config.positions() == PositionEncoding.ROTARY) {
            query = RotaryEmbedding.apply(query, start); // (B, nh, T, hs)
            key = RotaryEmbedding.apply(key, start); // (B, nh, T, hs)
        }
        if (cache != null) {
            if (cache.keys(layer) != null) {
                key = cache.keys(layer).concat(key, 2); // (B, nh, S + T, hs)
                value = cache.values(layer).concat(value, 2); // (B, nh, S + T, hs)
            }
            cache.update(layer, key, value); // the cache now owns them; they outlive this step's manager
        }
        int keyLength = (int) key.getShape().get(2);

        NDArray keyTransposed = key.transpose(0, 1, 3, 2); // (B, nh, hs, S + T)
        // a view of a cached array would join the cache's manager and pin every replaced cache until the end
        keyTransposed.attach(x.getManager());
        NDArray scores = query.matMul(keyTransposed).mul(1.0 / Math.sqrt(headSize)); // (B, nh, T, S + T)
        scores = scores.add(causalMask(x.getManager(), tokens, keyLength).toDevice(x.getDevice(), false));
        NDArray weights = scores.softmax(3); // (B, nh, T, S + T)
        weights = Dropout.dropout(weights, config.dropout(), training).singletonOrThrow();
        NDArray attended = weights.matMul(value); // (B, nh, T, hs)
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(batch, tokens, config.width()); // (B, T, C)
        NDArray out = projection.forward(parameterStore, new NDList(merged), training).singletonOrThrow(); // (B, T, C)
        return Dropout.dropout(out, config.dropout(), training).singletonOrThrow();
    }

    private static NDArray splitHeads(NDArray x, long batch, int tokens, int heads, int headSize) {
        return x.reshape(batch, tokens, heads, headSize).transpose(0, 2, 1, 3); // (B, nh, T, hs)
    }

    /** (T, S + T): 0 where new token t may see key k (k <= S + t), a large negative number elsewhere. */
    private static NDArray causalMask(NDManager manager, int tokens, int keyLength) {
        int cached = keyLength - tokens;
        float[] mask = new float[tokens * keyLength];
        for (int t = 0; t < tokens; t++) {
            for (int k = cached + t + 1; k < keyLength; k++) {
                mask[t * keyLength + k] = MASKED;
            }
        }
        return manager.create(mask, new Shape(tokens, keyLength));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(parameterStore, inputs.singletonOrThrow(), training, null, 0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        queryKeyValue.initialize(manager, dataType, inputShapes[0]);
        projection.initialize(manager, dataType, inputShapes[0]);
    }
}
