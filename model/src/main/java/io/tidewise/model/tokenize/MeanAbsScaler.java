package io.tidewise.model.tokenize;

import java.util.Objects;

/**
 * Mean-abs scaling as in Chronos: the scale of a window is the mean of |x| over its observed values, so scaled
 * values are of order one whatever the series' units.
 */
public final class MeanAbsScaler {
    private static final Scale UNIT = new Scale(1.0);

    private MeanAbsScaler() {}

    /**
     * The mean of |x| over the observed values of {@code values} (NaN and infinite values count as missing). A
     * window that is all zero or all missing, or whose mean underflows to a subnormal number, gets scale 1.0: its
     * scaled values are then its raw values and every forecast made from it stays finite.
     */
    public static Scale scaleOf(double[] values) {
        Objects.requireNonNull(values, "values");
        return scaleOf(values, 0, values.length);
    }

    /** {@link #scaleOf(double[])} of {@code values[from..to)}, without copying the window. */
    public static Scale scaleOf(double[] values, int from, int to) {
        Objects.requireNonNull(values, "values");
        Objects.checkFromToIndex(from, to, values.length);
        // Dividing by the largest |x| first keeps the sum from overflowing for values near Double.MAX_VALUE.
        double largest = largestObserved(values, from, to);
        int observed = observedCount(values, from, to);
        if (largest == 0) {
            return UNIT;
        }
        double sumOfRatios = 0;
        for (int i = from; i < to; i++) {
            double value = values[i];
            if (Double.isFinite(value)) {
                sumOfRatios += Math.abs(value) / largest;
            }
        }
        double mean = largest * (sumOfRatios / observed);
        return mean >= Double.MIN_NORMAL && Double.isFinite(mean) ? new Scale(mean) : UNIT;
    }

    /** The largest |x| over the observed values of {@code values[from..to)}, 0 when none is observed. */
    static double largestObserved(double[] values, int from, int to) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            if (isObserved(values[i])) {
                largest = Math.max(largest, Math.abs(values[i]));
            }
        }
        return largest;
    }

    /** How many values of {@code values[from..to)} are observed. */
    static int observedCount(double[] values, int from, int to) {
        int observed = 0;
        for (int i = from; i < to; i++) {
            if (isObserved(values[i])) {
                observed++;
            }
        }
        return observed;
    }

    /** Whether the tokenizers treat {@code value} as observed: it is neither NaN nor infinite. */
    public static boolean isObserved(double value) {
        return Double.isFinite(value);
    }
}
