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
    private final NDArray[] keys; // per layer (B, nh, S, hs)
    private final NDArray[] values; // per layer (B, nh, S, hs)
    private int length;

    /** An empty cache for a stack of {@code layers} blocks, its arrays held under {@code parent}. */
    public KvCache(NDManager parent, int layers) {
        if (layers <= 0) {
            throw new IllegalArgumentException("layers must be positive, was " + layers);
        }
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
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
     * Keeps, in every layer, the cached rows named by {@code rows}, in that order and possibly repeated: e.g. a
     * context prefilled once per series, then repeated once per sample path.
     *
     * @param rows (B') integer row indices into the current batch
     */
    public void selectRows(NDArray rows) {
        for (int layer = 0; layer < keys.length; layer++) {
            if (keys[layer] != null) {
                update(layer, keys[layer].get(rows), values[layer].get(rows)); // (B', nh, S, hs)
            }
        }
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
