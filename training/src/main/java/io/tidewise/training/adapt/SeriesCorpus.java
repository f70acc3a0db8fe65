package io.tidewise.training.adapt;

import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.model.tokenize.BinTokens;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.PatchTokens;
import io.tidewise.model.tokenize.Scale;
import io.tidewise.model.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The series a model adapts on, already cut before any evaluation window, and the batches drawn from them. A batch
 * row picks a series (uniformly, so short series count as much as long ones) and a forecast origin inside it; the
 * context is the values before the origin, the labels the values after every patch (patches) or the next token
 * (bins), scaled by the context's own mean-abs scale exactly as forecasting will scale them.
 */
public final class SeriesCorpus {
    /** The fewest observed values a series needs to be drawn from. */
    public static final int MIN_OBSERVED = 8;

    /** One series to train on, oldest first, NaN where missing. */
    public record TrainingSeries(String name, double[] values) {
        public TrainingSeries {
            values = values.clone();
        }
    }

    private final List<TrainingSeries> series;

    public SeriesCorpus(List<TrainingSeries> series) {
        this.series = series.stream().filter(s -> observed(s.values()) >= MIN_OBSERVED).toList();
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("series to adapt on must hold at least one series with "
                    + MIN_OBSERVED + " observed values, had none of " + series.size());
        }
    }

    public int size() {
        return series.size();
    }

    public long valueCount() {
        return series.stream().mapToLong(s -> s.values().length).sum();
    }

    /**
     * Patch-model batch: contexts of {@code patches} x P values (left-padded, masked) and, after every patch, the
     * next {@code reach} values as labels (masked where missing or past the series' end).
     */
    public PatchBatch patchBatch(int batch, int patches, int reach, PatchTokenizer tokenizer, SplittableRandom random) {
        int patchLength = tokenizer.patchLength();
        int contextValues = patches * patchLength;
        List<PatchTokens> contexts = new ArrayList<>(batch);
        float[] labels = new float[batch * patches * reach];
        float[] labelMask = new float[batch * patches * reach];
        for (int b = 0; b < batch; b++) {
            double[] all = series.get(random.nextInt(series.size())).values();
            int origin = 1 + random.nextInt(all.length - 1); // at least one context value and one label value
            double[] context = Arrays.copyOfRange(all, Math.max(0, origin - contextValues), origin);
            PatchTokens tokens = tokenizer.encodeContext(context, patches);
            contexts.add(tokens);
            Scale scale = tokens.scale();
            int firstIndex = origin - contextValues; // series index of the batch row's first (padded) value
            for (int n = 0; n < patches; n++) {
                int patchEnd = firstIndex + (n + 1) * patchLength; // series index right after patch n
                if (patchEnd <= origin - context.length) {
                    continue; // the patch is all padding: nothing to learn from its position
                }
                for (int r = 0; r < reach; r++) {
                    int index = patchEnd + r;
                    int at = (b * patches + n) * reach + r;
                    if (index >= 0 && index < all.length && !Double.isNaN(all[index])) {
                        labels[at] = (float) scale.apply(all[index]);
                        labelMask[at] = 1;
                    }
                }
            }
        }
        return new PatchBatch(patches, reach, contexts, labels, labelMask);
    }

    /**
     * Patch batch: the tokenized contexts (padded to {@code patches} tokens by
     * {@link io.tidewise.model.forecast.ModelInputs#patches}, as forecasting pads them) and labels/labelMask
     * (B, N, R), row-major, aligned with the padded positions.
     */
    public record PatchBatch(int patches, int reach, List<PatchTokens> contexts, float[] labels, float[] labelMask) {}

    /**
     * Bin-model batch: {@code length} input ids per row and the next id at every position as its label
     * ({@link BinTokenizer#IGNORE_LABEL} where missing or padding). The scale comes from the part of the window a
     * forecast would see as context: all but the last {@code reach} values.
     */
    public BinBatch binBatch(int batch, int length, int reach, BinTokenizer tokenizer, SplittableRandom random) {
        List<BinTokens> inputs = new ArrayList<>(batch);
        int[] labels = new int[batch * length];
        Arrays.fill(labels, BinTokenizer.IGNORE_LABEL);
        for (int b = 0; b < batch; b++) {
            double[] all = series.get(random.nextInt(series.size())).values();
            int end = 2 + random.nextInt(all.length - 1); // window end (exclusive), at least two values
            int start = Math.max(0, end - (length + 1));
            double[] window = Arrays.copyOfRange(all, start, end);
            int contextPart = Math.max(1, window.length - reach);
            BinTokens context = tokenizer.encodeContext(Arrays.copyOf(window, contextPart), contextPart);
            int[] rest = tokenizer.encodeLabels(Arrays.copyOfRange(window, contextPart, window.length), context.scale());
            int[] ids = Arrays.copyOf(context.ids(), window.length);
            for (int i = 0; i < rest.length; i++) {
                ids[contextPart + i] = rest[i] == BinTokenizer.IGNORE_LABEL ? Vocabulary.MISSING : rest[i];
            }
            int tokens = ids.length - 1; // inputs ids[0..n-2], labels ids[1..n-1], right-aligned in the row
            inputs.add(new BinTokens(Arrays.copyOf(ids, tokens), context.scale()));
            int offset = length - tokens;
            for (int t = 0; t < tokens; t++) {
                int next = ids[t + 1];
                labels[b * length + offset + t] = next == Vocabulary.MISSING ? BinTokenizer.IGNORE_LABEL : next;
            }
        }
        return new BinBatch(length, inputs, labels);
    }

    /**
     * Bin batch: input windows (left-padded to {@code length} by {@link io.tidewise.model.forecast.ModelInputs#binIds},
     * as forecasting pads them) and the next id at every padded position, (B, T) row-major.
     */
    public record BinBatch(int length, List<BinTokens> inputs, int[] labels) {}

    private static int observed(double[] values) {
        int count = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                count++;
            }
        }
        return count;
    }
}
