package io.tidewise.model.tokenize;

import java.util.Objects;

/**
 * Patch tokens (the default): P consecutive standardised values and their mask form one token, which the model
 * embeds by a residual MLP; its head predicts quantiles of the next values directly. The window's mean and standard
 * deviation ({@link StandardScaler}) are measured on the context that is kept and travel in
 * {@link PatchTokens#scale()}; labels and outputs use that scale.
 */
public final class PatchTokenizer implements SeriesTokenizer {
    private final TokenizerConfig config;
    private final int patchLength;

    public PatchTokenizer(TokenizerConfig config) {
        this.config = TokenizerConfig.requireKind(config, TokenizerKind.PATCH);
        this.patchLength = config.patchLength();
    }

    /** A patch tokenizer of P = {@code patchLength}. */
    public static PatchTokenizer ofPatchLength(int patchLength) {
        return new PatchTokenizer(TokenizerConfig.patches(patchLength));
    }

    @Override
    public TokenizerKind kind() {
        return TokenizerKind.PATCH;
    }

    @Override
    public TokenizerConfig config() {
        return config;
    }

    /** P, values per patch. */
    public int patchLength() {
        return patchLength;
    }

    /** The patches that hold {@code values} values, the last partly filled: what a model of that context reads. */
    public int patchesFor(int values) {
        return ceilDiv(values, patchLength);
    }

    /**
     * Context in: keeps the latest {@code maxPatches * P} values of {@code context} (oldest first, NaN = missing),
     * measures their scale, and left-pads them with missing positions to a whole number of patches. An empty
     * context gives one patch with nothing observed, which the model reads like an all-missing window.
     *
     * @param maxPatches the most patches the model reads, positive
     */
    public PatchTokens encodeContext(double[] context, int maxPatches) {
        Objects.requireNonNull(context, "context");
        if (maxPatches <= 0) {
            throw new IllegalArgumentException("maxPatches must be positive, was " + maxPatches);
        }
        int kept = (int) Math.min(context.length, (long) maxPatches * patchLength);
        int from = context.length - kept;
        Scale scale = StandardScaler.scaleOf(context, from, context.length);
        int patchCount = Math.max(1, ceilDiv(kept, patchLength));
        int padding = positions(patchCount) - kept;
        float[] values = new float[positions(patchCount)];
        float[] mask = new float[values.length];
        fill(context, from, kept, scale, values, mask, padding);
        return new PatchTokens(patchCount, patchLength, values, mask, scale);
    }

    /**
     * Labels in: {@code future} (any length, NaN = missing) scaled with the context's {@code scale} and right-padded
     * with missing positions to a whole number of patches, so a loss that multiplies by the mask ignores both.
     */
    public PatchTokens encodeLabels(double[] future, Scale scale) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(scale, "scale");
        int patchCount = ceilDiv(future.length, patchLength);
        float[] values = new float[positions(patchCount)];
        float[] mask = new float[values.length];
        fill(future, 0, future.length, scale, values, mask, 0);
        return new PatchTokens(patchCount, patchLength, values, mask, scale);
    }

    /** Output back: scaled model outputs (any length) in original units, {@code scaled * scale + center}; NaN stays NaN. */
    public double[] decode(float[] scaled, Scale scale) {
        Objects.requireNonNull(scaled, "scaled");
        Objects.requireNonNull(scale, "scale");
        double[] raw = new double[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            raw[i] = scale.invert(scaled[i]);
        }
        return raw;
    }

    private static void fill(double[] source, int from, int count, Scale scale, float[] values, float[] mask,
            int offset) {
        for (int i = 0; i < count; i++) {
            double raw = source[from + i];
            if (MeanAbsScaler.isObserved(raw)) {
                values[offset + i] = (float) scale.apply(raw);
                mask[offset + i] = 1f;
            }
        }
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (int) (((long) dividend + divisor - 1) / divisor);
    }

    private int positions(int patchCount) {
        long positions = (long) patchCount * patchLength;
        if (positions > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("patchCount x patchLength must fit in an array, was " + patchCount
                    + " x " + patchLength);
        }
        return (int) positions;
    }

    @Override
    public String toString() {
        return "PatchTokenizer[P=" + patchLength + "]";
    }
}
