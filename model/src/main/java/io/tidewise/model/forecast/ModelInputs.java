package io.tidewise.model.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.tidewise.model.tokenize.BinTokens;
import io.tidewise.model.tokenize.PatchTokens;
import io.tidewise.model.tokenize.Vocabulary;
import java.util.Arrays;
import java.util.List;

/**
 * Turns tokenized windows into the batch arrays the network reads. Every row is left-padded to the same number of
 * tokens T (patches with nothing observed, or {@link Vocabulary#PAD} ids), so that a window's forecast never depends
 * on which other windows share its batch. Training builds its batches here too, so the model is forecast with
 * exactly the inputs it learned from. Letters as in {@link io.tidewise.model.gpt.Gpt}.
 */
public final class ModelInputs {

    private ModelInputs() {}

    /**
     * @param rows   windows of at most {@code tokens} patches each, all of the same patch length P
     * @param tokens T, the length every row is padded to
     * @return values (B, T, P) scaled and 0 where missing or padding; mask (B, T, P), 1 where observed
     */
    public static NDList patches(NDManager manager, List<PatchTokens> rows, int tokens) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must hold at least one window, was empty");
        }
        int patchLength = rows.get(0).patchLength();
        int width = tokens * patchLength;
        float[] values = new float[rows.size() * width];
        float[] mask = new float[values.length];
        for (int row = 0; row < rows.size(); row++) {
            PatchTokens window = rows.get(row);
            if (window.patchLength() != patchLength) {
                throw new IllegalArgumentException("rows[" + row + "] has patch length " + window.patchLength()
                        + ", but rows[0] has " + patchLength);
            }
            if (window.patchCount() > tokens) {
                throw new IllegalArgumentException("rows[" + row + "] has " + window.patchCount()
                        + " patches, more than the " + tokens + " tokens of the batch");
            }
            int offset = row * width + (width - window.length()); // left padding stays 0 and unobserved
            System.arraycopy(window.values(), 0, values, offset, window.length());
            System.arraycopy(window.mask(), 0, mask, offset, window.length());
        }
        Shape shape = new Shape(rows.size(), tokens, patchLength);
        return new NDList(manager.create(values, shape), manager.create(mask, shape)); // (B, T, P) each
    }

    /**
     * @param rows   windows of at most {@code tokens} ids each
     * @param tokens T, the length every row is padded to
     * @return ids (B, T) as int64, {@link Vocabulary#PAD} before each window
     */
    public static NDArray binIds(NDManager manager, List<BinTokens> rows, int tokens) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must hold at least one window, was empty");
        }
        long[] ids = new long[rows.size() * tokens];
        for (int row = 0; row < rows.size(); row++) {
            int[] window = rows.get(row).ids();
            if (window.length > tokens) {
                throw new IllegalArgumentException("rows[" + row + "] has " + window.length
                        + " tokens, more than the " + tokens + " tokens of the batch");
            }
            int offset = row * tokens + (tokens - window.length);
            Arrays.fill(ids, row * tokens, offset, Vocabulary.PAD);
            for (int i = 0; i < window.length; i++) {
                ids[offset + i] = window[i];
            }
        }
        return manager.create(ids, new Shape(rows.size(), tokens)).toType(DataType.INT64, false); // (B, T)
    }
}
