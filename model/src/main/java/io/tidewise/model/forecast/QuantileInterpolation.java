package io.tidewise.model.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * Quantiles at any level from a head trained for a fixed set of levels (0.1 ... 0.9 by default). Values that cross
 * (a higher level predicting a lower value, which independent heads allow) are first sorted: this rearrangement
 * never makes the estimate worse (Chernozhukov, Fernandez-Val and Galichon, 2010) and makes every result
 * non-decreasing in the level. Between trained levels the value is linear in the level; outside the trained range
 * it is clamped to the outermost trained value, because the head says nothing about the tails beyond it.
 */
public final class QuantileInterpolation {

    private QuantileInterpolation() {}

    /**
     * The value at each of {@code requestedLevels}.
     *
     * @param trainedLevels strictly increasing levels within [0, 1], at least one
     * @param valuesAtTrainedLevels one finite value per trained level
     * @param requestedLevels levels within [0, 1], in any order; the result is non-decreasing in the level, so it
     *     is a non-decreasing array when the levels are sorted
     */
    public static double[] interpolate(double[] trainedLevels, float[] valuesAtTrainedLevels, double[] requestedLevels) {
        requireLevels(trainedLevels);
        Objects.requireNonNull(valuesAtTrainedLevels, "valuesAtTrainedLevels");
        Objects.requireNonNull(requestedLevels, "requestedLevels");
        if (valuesAtTrainedLevels.length != trainedLevels.length) {
            throw new IllegalArgumentException("valuesAtTrainedLevels must hold one value per trained level ("
                    + trainedLevels.length + "), was " + valuesAtTrainedLevels.length);
        }
        double[] sorted = new double[valuesAtTrainedLevels.length];
        for (int i = 0; i < sorted.length; i++) {
            float value = valuesAtTrainedLevels[i];
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("valuesAtTrainedLevels[" + i + "] must be finite, was " + value);
            }
            sorted[i] = value;
        }
        Arrays.sort(sorted);
        double[] result = new double[requestedLevels.length];
        for (int i = 0; i < requestedLevels.length; i++) {
            result[i] = valueAt(trainedLevels, sorted, requireLevel(requestedLevels[i], "requestedLevels", i));
        }
        return result;
    }

    private static double valueAt(double[] levels, double[] sortedValues, double level) {
        int last = levels.length - 1;
        if (level <= levels[0]) {
            return sortedValues[0];
        }
        if (level >= levels[last]) {
            return sortedValues[last];
        }
        int found = Arrays.binarySearch(levels, level);
        if (found >= 0) {
            return sortedValues[found];
        }
        int upper = -found - 1; // first trained level above `level`; 1..last since the ends were handled
        int lower = upper - 1;
        double fraction = (level - levels[lower]) / (levels[upper] - levels[lower]);
        double below = sortedValues[lower];
        double above = sortedValues[upper];
        // Rounding could step a hair outside [below, above] and break monotonicity across a trained level.
        return Math.min(above, Math.max(below, below + (above - below) * fraction));
    }

    private static void requireLevels(double[] trainedLevels) {
        Objects.requireNonNull(trainedLevels, "trainedLevels");
        if (trainedLevels.length == 0) {
            throw new IllegalArgumentException("trainedLevels must hold at least one level, was empty");
        }
        for (int i = 0; i < trainedLevels.length; i++) {
            requireLevel(trainedLevels[i], "trainedLevels", i);
            if (i > 0 && trainedLevels[i] <= trainedLevels[i - 1]) {
                throw new IllegalArgumentException("trainedLevels must be strictly increasing, but trainedLevels["
                        + i + "]=" + trainedLevels[i] + " follows " + trainedLevels[i - 1]);
            }
        }
    }

    static double requireLevel(double level, String field, int index) {
        if (!(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException(field + "[" + index + "] must lie within [0, 1], was " + level);
        }
        return level;
    }
}
