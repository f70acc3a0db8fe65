package io.tidewise.training.baseline;

/**
 * Fills missing values ({@code NaN}) before a baseline is fitted: linear interpolation between the nearest observed
 * neighbours, the first observed value carried back over a leading gap and the last one carried forward over a
 * trailing gap. This is what R's {@code na.interp} does for non-seasonal series; it is a simplification for
 * seasonal ones (R interpolates the seasonally adjusted series there), chosen because gaps in the shipped data are
 * short and the baselines must stay small.
 */
public final class MissingValues {
    private MissingValues() {}

    /**
     * A copy of {@code values} with every {@code NaN} filled.
     *
     * @throws IllegalArgumentException if no value is observed
     */
    public static double[] interpolate(double[] values) {
        int firstObserved = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                firstObserved = i;
                break;
            }
        }
        if (firstObserved < 0) {
            throw new IllegalArgumentException("context must hold at least one observed (non-NaN) value, had "
                    + values.length + " values, all missing");
        }
        double[] filled = values.clone();
        for (int i = 0; i < firstObserved; i++) {
            filled[i] = values[firstObserved];
        }
        int previous = firstObserved;
        for (int i = firstObserved + 1; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            for (int gap = previous + 1; gap < i; gap++) {
                double weight = (double) (gap - previous) / (i - previous);
                filled[gap] = values[previous] + weight * (values[i] - values[previous]);
            }
            previous = i;
        }
        for (int i = previous + 1; i < values.length; i++) {
            filled[i] = values[previous];
        }
        return filled;
    }

    /** Whether every value equals the first within a relative 1e-10 (the case where no variance can be fitted). */
    static boolean isConstant(double[] values) {
        double tolerance = 1e-10 * Math.max(1.0, Math.abs(values[0]));
        for (double value : values) {
            if (Math.abs(value - values[0]) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
