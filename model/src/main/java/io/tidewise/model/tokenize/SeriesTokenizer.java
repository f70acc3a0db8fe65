package io.tidewise.model.tokenize;

/**
 * Turns series windows into model tokens and model outputs back into numbers in original units. Each
 * implementation has the three verbs of Chronos' {@code MeanScaleUniformBins}, typed for its tokens:
 * {@code encodeContext} (context in; measures the window's {@link Scale}), {@code encodeLabels} (targets in,
 * scaled with the context's scale) and {@code decode} (output back, unscaled with that same scale). Implementations
 * are immutable and thread-safe.
 */
public interface SeriesTokenizer {

    TokenizerKind kind();

    TokenizerConfig config();
}
