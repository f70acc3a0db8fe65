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
    /** An additive score that exp underflows to exactly 0 in float32, without the inf - inf NaNs of -infinity. */
    static final float MASKED = -1e9f;

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
     * @param keyPadding null, or (B, 1, 1, S + T): 0 for a key that may be attended to, {@link #MASKED} for padding
     * @return (B, T, C)
     */
    NDArray forward(ParameterStore parameterStore, NDArray x, boolean training, KvCache cache, int layer,
            NDArray keyPadding) {
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
        double scale = 1.0 / Math.sqrt(headSize);
        NDArray scores = query.matMul(keyTransposed).mul(scale); // (B, nh, T, S + T)
        scores = scores.add(causalMask(x.getManager(), tokens, keyLength).toDevice(x.getDevice(), false));
        if (keyPadding != null) {
            scores = scores.add(keyPadding); // (B, nh, T, S + T)
        }
        NDArray attended;
        if (cache != null && cache.groupSize() > 0) {
            attended = attendWithSharedPrefix(query, scores, value, cache, layer, training, scale); // (B, nh, T, hs)
        } else {
            NDArray weights = scores.softmax(3); // (B, nh, T, S + T)
            weights = Dropout.dropout(weights, config.dropout(), training).singletonOrThrow();
            attended = weights.matMul(value); // (B, nh, T, hs)
        }
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(batch, tokens, config.width()); // (B, T, C)
        NDArray out = projection.forward(parameterStore, new NDList(merged), training).singletonOrThrow(); // (B, T, C)
        return Dropout.dropout(out, config.dropout(), training).singletonOrThrow();
    }

    /**
     * Attention when groups of G rows share a cached prefix of S0 tokens (see {@link KvCache#sharePrefix}): each
     * row's queries score the group's prefix keys and the row's own S + T keys in one softmax. Here B = groups x G.
     *
     * @param query      (B, nh, T, hs)
     * @param ownScores  (B, nh, T, S + T), causally masked
     * @param ownValues  (B, nh, S + T, hs)
     * @return (B, nh, T, hs)
     */
    private NDArray attendWithSharedPrefix(NDArray query, NDArray ownScores, NDArray ownValues, KvCache cache,
            int layer, boolean training, double scale) {
        Shape shape = query.getShape();
        long rows = shape.get(0);
        long tokens = shape.get(2);
        int group = cache.groupSize();
        long groups = rows / group;
        int heads = config.heads();
        int headSize = config.headSize();
        NDArray prefixKeys = cache.prefixKeys(layer); // (B/G, nh, S0, hs)
        NDArray prefixValues = cache.prefixValues(layer); // (B/G, nh, S0, hs)
        long prefixLength = prefixKeys.getShape().get(2);

        NDArray grouped = query.reshape(groups, group, heads, tokens, headSize)
                .transpose(0, 2, 1, 3, 4).reshape(groups, heads, group * tokens, headSize); // (B/G, nh, G*T, hs)
        NDArray prefixKeysTransposed = prefixKeys.transpose(0, 1, 3, 2); // (B/G, nh, hs, S0)
        prefixKeysTransposed.attach(query.getManager());
        NDArray prefixScores = grouped.matMul(prefixKeysTransposed).mul(scale) // (B/G, nh, G*T, S0)
                .reshape(groups, heads, group, tokens, prefixLength)
                .transpose(0, 2, 1, 3, 4).reshape(rows, heads, tokens, prefixLength); // (B, nh, T, S0)

        NDArray weights = prefixScores.concat(ownScores, 3).softmax(3); // (B, nh, T, S0 + S + T)
        weights = Dropout.dropout(weights, config.dropout(), training).singletonOrThrow();
        NDList parts = weights.split(new long[] {prefixLength}, 3);
        NDArray prefixWeights = parts.get(0).reshape(groups, group, heads, tokens, prefixLength)
                .transpose(0, 2, 1, 3, 4).reshape(groups, heads, group * tokens, prefixLength); // (B/G, nh, G*T, S0)
        NDArray fromPrefix = prefixWeights.matMul(prefixValues) // (B/G, nh, G*T, hs)
                .reshape(groups, heads, group, tokens, headSize)
                .transpose(0, 2, 1, 3, 4).reshape(rows, heads, tokens, headSize); // (B, nh, T, hs)
        return fromPrefix.add(parts.get(1).matMul(ownValues)); // (B, nh, T, hs)
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
        return new NDList(forward(parameterStore, inputs.singletonOrThrow(), training, null, 0, null));
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
