package io.tidewise.model.tokenize;

/**
 * The normalisation of one context window: {@code scaled = (raw - center) / value}, {@code raw = scaled * value +
 * center}. It travels with the window's tokens so that every forecast made from them is unscaled exactly. Patch
 * tokens standardise ({@link StandardScaler}: center = mean, value = standard deviation); bin tokens keep Chronos'
 * mean-abs scaling ({@link MeanAbsScaler}: center 0).
 *
 * @param center subtracted before dividing, finite
 * @param value  strictly positive and finite
 */
public record Scale(double center, double value) {
    public Scale {
        if (!Double.isFinite(center)) {
            throw new IllegalArgumentException("scale center must be finite, was " + center);
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("scale must be positive and finite, was " + value);
        }
    }

    /** A scale without centring, as mean-abs scaling makes. */
    public Scale(double value) {
        this(0, value);
    }

    public double apply(double raw) {
        return (raw - center) / value;
    }

    public double invert(double scaled) {
        return scaled * value + center;
    }
}
