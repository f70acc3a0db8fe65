package io.tidewise.training.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.gpt.Losses;
import io.tidewise.training.loop.TrainingObjective;
import java.util.SplittableRandom;

/** Byte-level language modelling: next-byte cross-entropy over random windows of the corpus. */
public final class TextObjective implements TrainingObjective {
    private final TextCorpus corpus;
    private final int batch;
    private final int length;
    private final long seed;

    public TextObjective(TextCorpus corpus, int batch, int length, long seed) {
        this.corpus = corpus;
        this.batch = batch;
        this.length = length;
        this.seed = seed;
    }

    @Override
    public NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int step) {
        int[] windows = corpus.trainingWindows(batch, length + 1, new SplittableRandom(seed * 7_919L + step));
        return windowLoss(gpt, parameterStore, manager, windows, batch, length, true);
    }

    /** Mean next-byte cross-entropy in nats of windows of {@code length + 1} bytes (B rows, row-major). */
    static NDArray windowLoss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int[] windows, int batch,
            int length, boolean training) {
        NDArray all = manager.create(windows, new Shape(batch, length + 1)); // (B, T+1)
        NDArray inputs = all.get(":, :-1"); // (B, T)
        NDArray labels = all.get(":, 1:"); // (B, T)
        NDArray logits = gpt.forward(parameterStore, new NDList(inputs), training).singletonOrThrow(); // (B, T, V)
        return Losses.crossEntropy(logits, labels);
    }

    /**
     * Held-out bits per byte: mean cross-entropy over fixed windows of the held-out text, divided by ln 2. Runs
     * without gradients.
     */
    public double heldOutBitsPerByte(Gpt gpt, ParameterStore parameterStore, NDManager manager, int windows) {
        int[] heldOut = corpus.heldOutWindows(windows, length + 1);
        try (NDManager evaluation = manager.newSubManager()) {
            double total = 0;
            int rows = 0;
            int chunk = Math.min(batch, windows);
            for (int start = 0; start < windows; start += chunk) {
                int count = Math.min(chunk, windows - start);
                int[] part = java.util.Arrays.copyOfRange(heldOut, start * (length + 1), (start + count) * (length + 1));
                try (NDManager step = evaluation.newSubManager();
                        ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    scope.suppressNotUsedWarning();
                    total += windowLoss(gpt, parameterStore, step, part, count, length, false).getFloat() * count;
                    rows += count;
                }
            }
            return total / rows / Math.log(2);
        }
    }

    @Override
    public long tokensPerStep() {
        return (long) batch * length;
    }

    @Override
    public String describe() {
        return "text-bytes";
    }
}
