package io.tidewise.model.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * Summaries of sampled forecast paths (bin tokens): the empirical quantiles and mean of the samples for one step.
 *
 * <p>Quantiles are Hyndman and Fan's type 7, numpy's and R's default: for n sorted samples x and level p, with
 * h = (n - 1) p, the value is x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). Written here rather than
 * taken from Commons Math or Commons Statistics because it is a dozen lines on the forecaster's hot path, pinned by
 * tests against numpy's values, and not worth a new dependency for every job that ships the model.
 */
public final class SampleQuantiles {

    private SampleQuantiles() {}

    /**
     * The type-7 quantile of {@code samples} at each of {@code levels}, ignoring NaN samples. All NaN at every level
     * when no sample is a number (as numpy's {@code nanquantile}). The result is non-decreasing in the level.
     *
     * @param levels levels within [0, 1], in any order
     */
    public static double[] summarize(double[] samples, double[] levels) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(levels, "levels");
        for (int i = 0; i < levels.length; i++) {
            QuantileInterpolation.requireLevel(levels[i], "levels", i);
        }
        double[] sorted = numbersSorted(samples);
        double[] result = new double[levels.length];
        if (sorted.length == 0) {
            Arrays.fill(result, Double.NaN);
            return result;
        }
        for (int i = 0; i < levels.length; i++) {
            result[i] = type7(sorted, levels[i]);
        }
        return result;
    }

    /** The mean of the samples that are numbers; NaN when none is. */
    public static double mean(double[] samples) {
        Objects.requireNonNull(samples, "samples");
        double sum = 0;
        int count = 0;
        for (double sample : samples) {
            if (!Double.isNaN(sample)) {
                sum += sample;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double type7(double[] sorted, double level) {
        double position = (sorted.length - 1) * level;
        int lower = (int) Math.floor(position);
        if (lower >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double fraction = position - lower;
        double below = sorted[lower];
        double above = sorted[lower + 1];
        if (fraction == 0 || below == above) {
            return below;
        }
        // Rounding could step a hair outside [below, above] and break monotonicity across an order statistic.
        return Math.min(above, Math.max(below, below + (above - below) * fraction));
    }

    private static double[] numbersSorted(double[] samples) {
        double[] numbers = new double[samples.length];
        int count = 0;
        for (double sample : samples) {
            if (!Double.isNaN(sample)) {
                numbers[count++] = sample;
            }
        }
        double[] sorted = count == numbers.length ? numbers : Arrays.copyOf(numbers, count);
        Arrays.sort(sorted);
        return sorted;
    }
}
