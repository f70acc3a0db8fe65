package io.tidewise.training.baseline;

import java.util.Arrays;

/**
 * Classical seasonal decomposition by moving averages, as R's {@code stats::decompose}: a centred moving average
 * of order m (2 x m for even m) estimates the trend; the seasonal figure at cycle position i is the mean of the
 * detrended values at that position, normalised to sum 0 (additive) or average 1 (multiplicative). Positions count
 * from the first value of the series, as in R for a series starting at cycle position 1.
 */
final class ClassicalDecomposition {
    private ClassicalDecomposition() {}

    /**
     * The seasonal figure, {@code figure[i]} for the values at indices {@code i, i+m, i+2m, ...}.
     *
     * @throws IllegalArgumentException if the series holds fewer than two full cycles
     */
    static double[] seasonalFigure(double[] y, int period, boolean multiplicative) {
        int n = y.length;
        if (period < 2 || n < 2 * period) {
            throw new IllegalArgumentException("decomposition needs at least two full cycles of period " + period
                    + ", had " + n + " values");
        }
        double[] trend = centredMovingAverage(y, period);
        double[] sums = new double[period];
        int[] counts = new int[period];
        for (int t = 0; t < n; t++) {
            if (Double.isNaN(trend[t])) {
                continue;
            }
            double detrended = multiplicative ? y[t] / trend[t] : y[t] - trend[t];
            sums[t % period] += detrended;
            counts[t % period]++;
        }
        double[] figure = new double[period];
        double total = 0;
        for (int i = 0; i < period; i++) {
            figure[i] = sums[i] / counts[i];
            total += figure[i];
        }
        double average = total / period;
        for (int i = 0; i < period; i++) {
            figure[i] = multiplicative ? figure[i] / average : figure[i] - average;
        }
        return figure;
    }

    /** R's {@code filter(x, f, sides = 2)} with f the (2 x) m moving average; NaN where the window runs off. */
    static double[] centredMovingAverage(double[] y, int period) {
        int n = y.length;
        double[] weights;
        if (period % 2 == 0) {
            weights = new double[period + 1];
            Arrays.fill(weights, 1.0 / period);
            weights[0] = weights[period] = 0.5 / period;
        } else {
            weights = new double[period];
            Arrays.fill(weights, 1.0 / period);
        }
        int half = weights.length / 2;
        double[] trend = new double[n];
        for (int t = 0; t < n; t++) {
            if (t - half < 0 || t + half >= n) {
                trend[t] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int k = 0; k < weights.length; k++) {
                sum += weights[k] * y[t - half + k];
            }
            trend[t] = sum;
        }
        return trend;
    }
}
