package io.tidewise.model.tokenize;

import java.util.Objects;

/**
 * Which tokenizer a model uses and its parameters; part of a checkpoint's {@code config.json} (plain JSON through
 * Jackson, e.g. {@code {"kind":"PATCH","patchLength":16,"bins":4094,"low":-15.0,"high":15.0}}). Each kind validates
 * the fields it uses; the others keep their defaults when made by {@link #patches(int)} or {@link #bins(int)}.
 *
 * @param kind patch or bin tokens
 * @param patchLength P, values per patch token (PATCH only), positive
 * @param bins B, bins over [low, high] (BIN only), at least 2
 * @param low lower edge of the bins in scaled units (BIN only), finite and below {@code high}
 * @param high upper edge of the bins in scaled units (BIN only), finite and above {@code low}
 */
public record TokenizerConfig(TokenizerKind kind, int patchLength, int bins, double low, double high) {
    /** Chronos-Bolt's and GPT4TS' patch length. */
    public static final int DEFAULT_PATCH_LENGTH = 16;
    /** Chronos' bin count. */
    public static final int DEFAULT_BINS = 4094;
    /** Chronos' bin range in scaled units: a value 15 times the window's mean |x| is already far out. */
    public static final double DEFAULT_LOW = -15;
    public static final double DEFAULT_HIGH = 15;

    public TokenizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required but was null");
        }
        switch (kind) {
            case PATCH -> {
                if (patchLength <= 0) {
                    throw new IllegalArgumentException("patchLength must be positive, was " + patchLength);
                }
            }
            case BIN -> {
                if (bins < 2 || bins > Vocabulary.MAX_BINS) {
                    throw new IllegalArgumentException(
                            "bins must be between 2 and " + Vocabulary.MAX_BINS + ", was " + bins);
                }
                if (!Double.isFinite(low)) {
                    throw new IllegalArgumentException("low must be a finite number, was " + low);
                }
                if (!Double.isFinite(high)) {
                    throw new IllegalArgumentException("high must be a finite number, was " + high);
                }
                if (low >= high) {
                    throw new IllegalArgumentException("low must be below high, was low=" + low + ", high=" + high);
                }
                if (!Double.isFinite(high - low)) {
                    throw new IllegalArgumentException(
                            "high - low must be a finite number, was low=" + low + ", high=" + high);
                }
            }
        }
    }

    /** Patch tokens of {@code patchLength} values (the default kind; P=16 is the default length). */
    public static TokenizerConfig patches(int patchLength) {
        return new TokenizerConfig(TokenizerKind.PATCH, patchLength, DEFAULT_BINS, DEFAULT_LOW, DEFAULT_HIGH);
    }

    /** Bin tokens with {@code bins} bins over the default range [-15, 15]. */
    public static TokenizerConfig bins(int bins) {
        return new TokenizerConfig(TokenizerKind.BIN, DEFAULT_PATCH_LENGTH, bins, DEFAULT_LOW, DEFAULT_HIGH);
    }

    /** Bin tokens with {@code bins} bins over [low, high]. */
    public static TokenizerConfig bins(int bins, double low, double high) {
        return new TokenizerConfig(TokenizerKind.BIN, DEFAULT_PATCH_LENGTH, bins, low, high);
    }

    /** Patch tokens of P=16: the default tokenizer. */
    public static TokenizerConfig defaults() {
        return patches(DEFAULT_PATCH_LENGTH);
    }

    /** The tokenizer this configuration describes: a {@link PatchTokenizer} or a {@link BinTokenizer}. */
    public SeriesTokenizer create() {
        return switch (kind) {
            case PATCH -> new PatchTokenizer(this);
            case BIN -> new BinTokenizer(this);
        };
    }

    /** The vocabulary size a model with this tokenizer needs for its embedding table (bins only add to text's). */
    public int vocabularySize() {
        return kind == TokenizerKind.BIN ? Vocabulary.size(bins) : Vocabulary.TEXT_SIZE;
    }

    static TokenizerConfig requireKind(TokenizerConfig config, TokenizerKind expected) {
        Objects.requireNonNull(config, "config");
        if (config.kind() != expected) {
            throw new IllegalArgumentException("config.kind must be " + expected + ", was " + config.kind());
        }
        return config;
    }
}
