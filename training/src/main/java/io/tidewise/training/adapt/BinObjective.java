package io.tidewise.training.adapt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.forecast.ModelInputs;
import io.tidewise.model.gpt.Losses;
import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.training.loop.TrainingObjective;
import java.util.SplittableRandom;

/** Bin model: next-token cross-entropy over bin tokens (Chronos), missing values excluded from the loss. */
public final class BinObjective implements TrainingObjective {
    private final SeriesCorpus corpus;
    private final BinTokenizer tokenizer;
    private final int batch;
    private final int length;
    private final int reach;
    private final long seed;

    public BinObjective(SeriesCorpus corpus, BinTokenizer tokenizer, int batch, int length, int reach, long seed) {
        this.corpus = corpus;
        this.tokenizer = tokenizer;
        this.batch = batch;
        this.length = length;
        this.reach = reach;
        this.seed = seed;
    }

    @Override
    public NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int step) {
        SeriesCorpus.BinBatch data =
                corpus.binBatch(batch, length, reach, tokenizer, new SplittableRandom(seed * 7_919L + step));
        NDArray inputs = ModelInputs.binIds(manager, data.inputs(), data.length()); // (B, T)
        NDArray logits = gpt.forward(parameterStore, new NDList(inputs), true).singletonOrThrow(); // (B, T, V)
        NDArray labels = manager.create(data.labels(), new Shape(data.inputs().size(), data.length())); // (B, T)
        return Losses.crossEntropy(logits, labels);
    }

    @Override
    public long tokensPerStep() {
        return (long) batch * length;
    }

    @Override
    public String describe() {
        return "series-bins";
    }
}
