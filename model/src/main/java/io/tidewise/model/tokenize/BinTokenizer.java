package io.tidewise.model.tokenize;

import java.util.Objects;

/**
 * Bin tokens, the Chronos recipe: each scaled value becomes one of B uniform bins over [low, high] (in scaled
 * units), an id in the vocabulary text also uses, so the model predicts the next value as the next token. Bin
 * {@code i} covers {@code [low + i w, low + (i + 1) w)} with {@code w = (high - low) / B} and decodes to its centre,
 * so a value inside [low, high] comes back within w / 2 (times the scale); values outside fall into the edge bins.
 */
public final class BinTokenizer implements SeriesTokenizer {
    /** The label of a missing target value: a cross-entropy loss skips it. Not a vocabulary id. */
    public static final int IGNORE_LABEL = -1;

    private final TokenizerConfig config;
    private final int bins;
    private final double low;
    private final double high;
    private final double width;

    public BinTokenizer(TokenizerConfig config) {
        this.config = TokenizerConfig.requireKind(config, TokenizerKind.BIN);
        this.bins = config.bins();
        this.low = config.low();
        this.high = config.high();
        this.width = (high - low) / bins;
    }

    /** A bin tokenizer of {@code bins} bins over [-15, 15]. */
    public static BinTokenizer ofBins(int bins) {
        return new BinTokenizer(TokenizerConfig.bins(bins));
    }

    @Override
    public TokenizerKind kind() {
        return TokenizerKind.BIN;
    }

    @Override
    public TokenizerConfig config() {
        return config;
    }

    /** B, the number of bins. */
    public int bins() {
        return bins;
    }

    /** The width w of one bin in scaled units. */
    public double binWidth() {
        return width;
    }

    /** Size of the embedding table this tokenizer needs: {@code Vocabulary.size(B)}. */
    public int vocabularySize() {
        return Vocabulary.size(bins);
    }

    /**
     * Context in: keeps the latest {@code maxTokens} values of {@code context} (oldest first, NaN = missing),
     * measures their scale and gives one id per value, {@link Vocabulary#MISSING} where missing.
     *
     * @param maxTokens the most values the model reads, positive
     */
    public BinTokens encodeContext(double[] context, int maxTokens) {
        Objects.requireNonNull(context, "context");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
        int from = Math.max(0, context.length - maxTokens);
        Scale scale = MeanAbsScaler.scaleOf(context, from, context.length);
        int[] ids = new int[context.length - from];
        for (int i = 0; i < ids.length; i++) {
            double raw = context[from + i];
            ids[i] = MeanAbsScaler.isObserved(raw) ? idOfScaled(scale.apply(raw)) : Vocabulary.MISSING;
        }
        return new BinTokens(ids, scale);
    }

    /**
     * Labels in: the bin id of each value of {@code future}, scaled with the context's {@code scale};
     * {@link #IGNORE_LABEL} where a value is missing.
     */
    public int[] encodeLabels(double[] future, Scale scale) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(scale, "scale");
        int[] labels = new int[future.length];
        for (int i = 0; i < future.length; i++) {
            double raw = future[i];
            labels[i] = MeanAbsScaler.isObserved(raw) ? idOfScaled(scale.apply(raw)) : IGNORE_LABEL;
        }
        return labels;
    }

    /**
     * Output back: each bin id as its bin's centre in original units; an id that names no bin (a byte, a special
     * id, an ignore label) as NaN.
     */
    public double[] decode(int[] ids, Scale scale) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(scale, "scale");
        double[] raw = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            raw[i] = Vocabulary.isBin(ids[i], bins) ? scale.invert(binCenter(Vocabulary.binIndex(ids[i]))) : Double.NaN;
        }
        return raw;
    }

    /** Index (0..B-1) of the bin holding the finite scaled value {@code scaled}; outside [low, high], the edge bin. */
    public int binIndex(double scaled) {
        if (Double.isNaN(scaled)) {
            throw new IllegalArgumentException("scaled must be a number, was NaN");
        }
        double position = Math.floor((scaled - low) / width);
        if (position <= 0) {
            return 0;
        }
        return position >= bins - 1 ? bins - 1 : (int) position;
    }

    /** Centre of bin {@code index} in scaled units. */
    public double binCenter(int index) {
        Objects.checkIndex(index, bins);
        return low + (index + 0.5) * width;
    }

    /** Vocabulary id of the bin holding the scaled value {@code scaled}. */
    public int idOfScaled(double scaled) {
        return Vocabulary.FIRST_BIN + binIndex(scaled);
    }

    @Override
    public String toString() {
        return "BinTokenizer[B=" + bins + ", low=" + low + ", high=" + high + "]";
    }
}
