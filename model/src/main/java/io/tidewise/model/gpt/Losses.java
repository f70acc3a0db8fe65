package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The two training objectives of the heads, shared by the model's own tests and by training: the pinball (quantile)
 * loss of the patch head and the masked next-token cross-entropy of the token head. Both return a scalar mean
 * over the positions that carry a label, so a batch with missing values is not diluted by them.
 */
public final class Losses {
    /** Label value of a position without a target (a missing value, padding): excluded from the loss. */
    public static final int IGNORE = -1;

    private Losses() {}

    /**
     * Mean pinball loss over observed labels and quantile levels.
     *
     * @param predicted quantiles (..., R, Q), in the labels' (scaled) units: (B, R, Q) at the last position, or
     *                  (B, N, R, Q) at every position
     * @param labels    targets (..., R)
     * @param mask      1 where the target is observed, 0 where it is missing or padding (..., R)
     * @param levels    the Q levels of the last axis of {@code predicted}
     */
    public static NDArray pinball(NDArray predicted, NDArray labels, NDArray mask, double[] levels) {
        NDArray weighted = maskedPinball(predicted, labels, mask, levels); // (..., R, Q)
        NDArray observed = mask.sum().mul(levels.length).maximum(1f); // ()
        return weighted.sum().div(observed);
    }

    /**
     * Mean pinball loss of every row (window) of a batch on its own, over its observed labels and the levels: what a
     * held-out check compares series by series.
     *
     * @param predicted quantiles (B, R, Q) in the labels' units
     * @param labels    targets (B, R)
     * @param mask      1 where the target is observed (B, R)
     * @return (B)
     */
    public static NDArray pinballPerRow(NDArray predicted, NDArray labels, NDArray mask, double[] levels) {
        NDArray weighted = maskedPinball(predicted, labels, mask, levels); // (B, R, Q)
        NDArray observed = mask.sum(new int[] {1}).mul(levels.length).maximum(1f); // (B)
        return weighted.sum(new int[] {1, 2}).div(observed);
    }

    /** The pinball loss of every label and level, 0 where the label is masked: (..., R, Q). */
    private static NDArray maskedPinball(NDArray predicted, NDArray labels, NDArray mask, double[] levels) {
        long quantiles = predicted.getShape().get(predicted.getShape().dimension() - 1);
        if (quantiles != levels.length) {
            throw new IllegalArgumentException("levels must hold one level per predicted quantile (" + quantiles
                    + "), was " + levels.length);
        }
        float[] asFloats = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            asFloats[i] = (float) levels[i];
        }
        NDArray tau = predicted.getManager().create(asFloats); // (Q)
        NDArray error = labels.expandDims(-1).sub(predicted); // (..., R, Q)
        NDArray loss = error.mul(tau).maximum(error.mul(tau.sub(1))); // (..., R, Q)
        return loss.mul(mask.expandDims(-1));
    }

    /**
     * Mean next-token cross-entropy in nats over the positions whose label is not {@link #IGNORE}.
     *
     * @param logits (B, T, V)
     * @param labels token ids (B, T), or {@link #IGNORE}
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray valid = labels.gte(0).toType(DataType.FLOAT32, false); // (B, T)
        NDArray safe = labels.maximum(0).toType(DataType.INT64, false).expandDims(-1); // (B, T, 1)
        NDArray logProbabilities = logits.logSoftmax(-1); // (B, T, V)
        NDArray picked = logProbabilities.gather(safe, -1).squeeze(-1); // (B, T)
        NDArray counted = valid.sum().maximum(1f); // ()
        return picked.mul(valid).sum().neg().div(counted);
    }
}
