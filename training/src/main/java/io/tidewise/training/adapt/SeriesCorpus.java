package io.tidewise.training.adapt;

import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.model.tokenize.BinTokens;
import io.tidewise.model.tokenize.Scale;
import io.tidewise.model.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;

/**
 * The real series a model adapts on, already cut before any evaluation window, grouped by source (the part of a
 * series' name before its first '/', e.g. the file it came from). {@link #pick} draws a source with probability
 * proportional to the square root of its number of values, then a series of it uniformly: a source of 2,000 short
 * series no longer drowns one of twenty long ones, and no source is seen in proportion to its sheer size. Patch
 * windows are cut by {@link PatchWindows}; bin batches here, by the next token.
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
    private final List<List<TrainingSeries>> sources;
    private final List<String> sourceNames;
    private final double[] cumulativeWeights;

    public SeriesCorpus(List<TrainingSeries> series) {
        this.series = series.stream().filter(s -> observed(s.values()) >= MIN_OBSERVED).toList();
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("series to adapt on must hold at least one series with "
                    + MIN_OBSERVED + " observed values, had none of " + series.size());
        }
        Map<String, List<TrainingSeries>> bySource = new TreeMap<>();
        for (TrainingSeries one : this.series) {
            bySource.computeIfAbsent(sourceOf(one.name()), k -> new ArrayList<>()).add(one);
        }
        this.sourceNames = List.copyOf(bySource.keySet());
        this.sources = List.copyOf(bySource.values());
        this.cumulativeWeights = new double[sources.size()];
        double total = 0;
        for (int i = 0; i < sources.size(); i++) {
            total += Math.sqrt(sources.get(i).stream().mapToLong(s -> s.values().length).sum());
            cumulativeWeights[i] = total;
        }
    }

    /** The source of a series name: the part before its first '/', or the whole name. */
    public static String sourceOf(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }

    /** Source names, sorted, and how often {@link #pick} draws each (weights summing to 1). */
    public Map<String, Double> sourceWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < sourceNames.size(); i++) {
            double previous = i == 0 ? 0 : cumulativeWeights[i - 1];
            weights.put(sourceNames.get(i), (cumulativeWeights[i] - previous) / total);
        }
        return weights;
    }

    /** A series: a source by the square root of its size, then one of its series uniformly. */
    public TrainingSeries pick(SplittableRandom random) {
        double u = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        int source = Arrays.binarySearch(cumulativeWeights, u);
        source = source >= 0 ? Math.min(source + 1, sources.size() - 1) : -source - 1;
        List<TrainingSeries> members = sources.get(Math.min(source, sources.size() - 1));
        return members.get(random.nextInt(members.size()));
    }

    public int size() {
        return series.size();
    }

    public long valueCount() {
        return series.stream().mapToLong(s -> s.values().length).sum();
    }

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
