package io.tidewise.model.tokenize;

import java.util.Objects;

/**
 * Standardisation over the observed values of a window, as Chronos-Bolt, TimesFM and TiRex do: subtract the mean and
 * divide by the standard deviation. Unlike mean-abs scaling it keeps a small season on a high level visible (a swing
 * of ±3 on a level of 400 stays of order one instead of ±0.0075), and a forecast of 0 means "the context's mean".
 */
public final class StandardScaler {
    /**
     * The smallest scale relative to the mean's size: a near-constant window is not blown up to huge scaled values by
     * a standard deviation that is only rounding noise. Small enough (1e-4) that a real season of ±0.1% still counts.
     */
    static final double RELATIVE_FLOOR = 1e-4;

    private StandardScaler() {}

    /** {@link #scaleOf(double[], int, int)} of the whole array. */
    public static Scale scaleOf(double[] values) {
        Objects.requireNonNull(values, "values");
        return scaleOf(values, 0, values.length);
    }

    /**
     * Mean and standard deviation of the observed (finite) values of {@code values[from..to)}. The scale is at least
     * {@link #RELATIVE_FLOOR} times |mean|; a window with nothing observed, or all zero, gets center 0 and scale 1.
     */
    public static Scale scaleOf(double[] values, int from, int to) {
        Objects.requireNonNull(values, "values");
        Objects.checkFromToIndex(from, to, values.length);
        // Dividing by the largest |x| first keeps sums of squares from overflowing for values near Double.MAX_VALUE.
        double largest = MeanAbsScaler.largestObserved(values, from, to);
        int observed = MeanAbsScaler.observedCount(values, from, to);
        if (largest == 0 || !(largest >= Double.MIN_NORMAL)) {
            return new Scale(0, 1);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(values[i])) {
                sum += values[i] / largest;
            }
        }
        double mean = sum / observed;
        double squares = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(values[i])) {
                double deviation = values[i] / largest - mean;
                squares += deviation * deviation;
            }
        }
        double deviation = Math.sqrt(squares / observed);
        double scale = largest * Math.max(deviation, RELATIVE_FLOOR * Math.abs(mean));
        double center = largest * mean;
        if (!(scale >= Double.MIN_NORMAL) || !Double.isFinite(scale) || !Double.isFinite(center)) {
            return new Scale(Double.isFinite(center) ? center : 0, 1);
        }
        return new Scale(center, scale);
    }
}
