package io.tidewise.training.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tidewise.model.forecast.ModelInputs;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.gpt.Losses;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.training.loop.TrainingObjective;
import java.util.SplittableRandom;

/**
 * Patch model: pinball loss of the quantile head at the last position only, against the R values after the window's
 * forecast origin, in the window's standardised units: exactly the output forecasting uses, from inputs scaled with
 * no value after the origin. (A loss at every position would mostly train forecasts from one to three patches, where
 * a flat line is optimal, and would need causal statistics per position.)
 */
public final class PatchObjective implements TrainingObjective {
    private final PatchWindows windows;
    private final PatchTokenizer tokenizer;
    private final int batch;
    private final int patches;
    private final double[] levels;
    private final long seed;

    public PatchObjective(PatchWindows windows, PatchTokenizer tokenizer, int batch, int patches, double[] levels,
            long seed) {
        this.windows = windows;
        this.tokenizer = tokenizer;
        this.batch = batch;
        this.patches = patches;
        this.levels = levels.clone();
        this.seed = seed;
    }

    /** The batch of {@code step}: a pure function of the step and the seed, so a resumed run sees the same one. */
    PatchWindows.PatchBatch batch(int step) {
        return windows.batch(batch, patches, tokenizer, new SplittableRandom(seed * 7_919L + step));
    }

    @Override
    public NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int step) {
        return loss(gpt, parameterStore, manager, batch(step), levels, true);
    }

    static NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, PatchWindows.PatchBatch data,
            double[] levels, boolean training) {
        NDList predictedAndLabels = predictAndLabel(gpt, parameterStore, manager, data, training);
        return Losses.pinball(predictedAndLabels.get(0), predictedAndLabels.get(1), predictedAndLabels.get(2), levels);
    }

    /**
     * The mean pinball loss of every row (window) of a batch on its own, without training behaviour: what a held-out
     * check compares series by series.
     */
    static float[] rowLosses(Gpt gpt, ParameterStore parameterStore, NDManager manager,
            PatchWindows.PatchBatch data, double[] levels) {
        NDList predictedAndLabels = predictAndLabel(gpt, parameterStore, manager, data, false);
        return Losses.pinballPerRow(predictedAndLabels.get(0), predictedAndLabels.get(1), predictedAndLabels.get(2),
                levels).toFloatArray();
    }

    /** The head's quantiles (B, R, Q) for the batch's contexts, its labels (B, R) and their mask (B, R). */
    private static NDList predictAndLabel(Gpt gpt, ParameterStore parameterStore, NDManager manager,
            PatchWindows.PatchBatch data, boolean training) {
        NDList inputs = ModelInputs.patches(manager, data.contexts(), data.patches()); // (B, N, P) values, mask
        NDArray predicted = gpt.predictLast(parameterStore, inputs, training); // (B, R, Q)
        Shape labelShape = new Shape(data.contexts().size(), data.reach());
        NDArray labels = manager.create(data.labels(), labelShape); // (B, R)
        NDArray labelMask = manager.create(data.labelMask(), labelShape); // (B, R)
        return new NDList(predicted, labels, labelMask);
    }

    @Override
    public long tokensPerStep() {
        return (long) batch * patches;
    }

    @Override
    public String describe() {
        return "series-patches-last";
    }
}
