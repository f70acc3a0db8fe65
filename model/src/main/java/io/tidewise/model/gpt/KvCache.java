package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values every attention layer has already computed, so that decoding one more token costs one token of
 * work instead of the whole sequence. Letters: B batch, nh heads, S tokens cached so far, hs head size.
 *
 * <p>The cache owns its arrays in a manager of its own: the arrays survive the per-step managers a decoding loop
 * closes, and each update frees the arrays it replaces, so memory stays bounded by one copy of the cache. Close
 * the cache when the sequence is done.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    // per layer (B, nh, S, hs); once a prefix is shared, only the tokens fed since (null until the first)
    private final NDArray[] keys;
    private final NDArray[] values;
    // per layer (B / G, nh, S0, hs) once a prefix of S0 tokens is shared by groups of G rows, else null
    private final NDArray[] prefixKeys;
    private final NDArray[] prefixValues;
    private int groupSize;
    private int length;

    /** An empty cache for a stack of {@code layers} blocks, its arrays held under {@code parent}. */
    public KvCache(NDManager parent, int layers) {
        if (layers <= 0) {
            throw new IllegalArgumentException("layers must be positive, was " + layers);
        }
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.prefixKeys = new NDArray[layers];
        this.prefixValues = new NDArray[layers];
    }

    /** Tokens already cached, which is also the position of the next token fed in. */
    public int length() {
        return length;
    }

    int layers() {
        return keys.length;
    }

    NDArray keys(int layer) {
        return keys[layer];
    }

    NDArray values(int layer) {
        return values[layer];
    }

    /** Replaces one layer's keys and values with {@code (B, nh, S', hs)} arrays that extend the cached ones. */
    void update(int layer, NDArray newKeys, NDArray newValues) {
        replace(keys, layer, newKeys);
        replace(values, layer, newValues);
    }

    /**
     * Turns the cached rows into a prefix shared by groups of {@code groupSize} rows: afterwards the batch has
     * {@code B * groupSize} rows, rows {@code b * groupSize .. (b + 1) * groupSize - 1} all continue cached row b,
     * and each keeps its own keys and values only for the tokens fed after this call. Sampling S paths from one
     * prompt this way holds the prompt's keys once instead of S times, and never copies them again.
     */
    public void sharePrefix(int groupSize) {
        if (groupSize <= 0) {
            throw new IllegalArgumentException("groupSize must be positive, was " + groupSize);
        }
        if (this.groupSize != 0) {
            throw new IllegalStateException("the cache already shares a prefix among groups of " + this.groupSize);
        }
        this.groupSize = groupSize;
        for (int layer = 0; layer < keys.length; layer++) {
            prefixKeys[layer] = keys[layer];
            prefixValues[layer] = values[layer];
            keys[layer] = null;
            values[layer] = null;
        }
    }

    /** Rows per shared prefix, or 0 when every row has its own keys for every token. */
    int groupSize() {
        return groupSize;
    }

    /** (B, nh, S0, hs): the shared prefix's keys, or null. */
    NDArray prefixKeys(int layer) {
        return prefixKeys[layer];
    }

    /** (B, nh, S0, hs): the shared prefix's values, or null. */
    NDArray prefixValues(int layer) {
        return prefixValues[layer];
    }

    /** Called by the stack once every layer has been updated for a forward pass of {@code tokens} tokens. */
    void advance(int tokens) {
        length += tokens;
    }

    private void replace(NDArray[] slot, int layer, NDArray next) {
        NDArray previous = slot[layer];
        next.attach(manager);
        slot[layer] = next;
        if (previous != null && previous != next) {
            previous.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
