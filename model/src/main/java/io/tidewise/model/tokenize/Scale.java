package io.tidewise.model.tokenize;

/**
 * The mean-abs scale of one context window. It travels with the window's tokens so that every forecast made
 * from them is unscaled exactly: {@code scaled = raw / value}, {@code raw = scaled * value}.
 *
 * @param value strictly positive and finite
 */
public record Scale(double value) {
    public Scale {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("scale must be positive and finite, was " + value);
        }
    }

    public double apply(double raw) {
        return raw / value;
    }

    public double invert(double scaled) {
        return scaled * value;
    }
}
