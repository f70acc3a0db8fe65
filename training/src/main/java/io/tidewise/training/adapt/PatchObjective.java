package io.tidewise.training.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.forecast.ModelInputs;
import io.tidewise.model.gpt.Losses;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.training.loop.TrainingObjective;
import java.util.SplittableRandom;

/** Patch model: pinball loss of the quantile head at every position against the values that follow its patch. */
public final class PatchObjective implements TrainingObjective {
    private final SeriesCorpus corpus;
    private final PatchTokenizer tokenizer;
    private final int batch;
    private final int patches;
    private final int reach;
    private final double[] levels;
    private final long seed;

    public PatchObjective(SeriesCorpus corpus, PatchTokenizer tokenizer, int batch, int patches, int reach,
            double[] levels, long seed) {
        this.corpus = corpus;
        this.tokenizer = tokenizer;
        this.batch = batch;
        this.patches = patches;
        this.reach = reach;
        this.levels = levels.clone();
        this.seed = seed;
    }

    /** The batch of {@code step}: a pure function of the step and the seed, so a resumed run sees the same one. */
    SeriesCorpus.PatchBatch batch(int step) {
        return corpus.patchBatch(batch, patches, reach, tokenizer, new SplittableRandom(seed * 7_919L + step));
    }

    @Override
    public NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int step) {
        return loss(gpt, parameterStore, manager, batch(step), levels, true);
    }

    static NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, SeriesCorpus.PatchBatch data,
            double[] levels, boolean training) {
        NDList inputs = ModelInputs.patches(manager, data.contexts(), data.patches()); // (B, N, P) values, mask
        NDArray predicted = gpt.forward(parameterStore, inputs, training).singletonOrThrow(); // (B, N, R, Q)
        Shape labelShape = new Shape(data.contexts().size(), data.patches(), data.reach());
        NDArray labels = manager.create(data.labels(), labelShape); // (B, N, R)
        NDArray labelMask = manager.create(data.labelMask(), labelShape); // (B, N, R)
        return Losses.pinball(predicted, labels, labelMask, levels);
    }

    @Override
    public long tokensPerStep() {
        return (long) batch * patches;
    }

    @Override
    public String describe() {
        return "series-patches";
    }
}
