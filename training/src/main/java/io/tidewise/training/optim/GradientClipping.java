package io.tidewise.training.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Global-norm gradient clipping (as {@code torch.nn.utils.clip_grad_norm_}). DJL's own {@code optClipGrad} clamps
 * each value to [-c, c] on the positive side only (see STACK-NOTES), which is neither norm clipping nor symmetric.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales all gradients in place so that their joint L2 norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping (for logging; a non-finite norm means the step should be skipped)
     */
    public static double clipGlobalNorm(List<NDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be positive, was " + maxNorm);
        }
        double squared = 0;
        for (NDArray gradient : gradients) {
            try (NDArray sum = gradient.square().sum()) {
                squared += sum.getFloat();
            }
        }
        double norm = Math.sqrt(squared);
        if (norm > maxNorm && Double.isFinite(norm)) {
            float factor = (float) (maxNorm / (norm + 1e-6));
            for (NDArray gradient : gradients) {
                gradient.muli(factor);
            }
        }
        return norm;
    }
}
