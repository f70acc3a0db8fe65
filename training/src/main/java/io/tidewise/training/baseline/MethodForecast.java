package io.tidewise.training.baseline;

import io.tidewise.core.QuantileLevels;
import java.util.Arrays;

/**
 * What a {@link ForecastMethod} returns: per step {@code 0..H-1} a mean and one value per quantile level, all finite
 * and the quantiles non-decreasing in the level (validated here, so no method can hand a backtest a broken fan).
 */
public final class MethodForecast {
    private final double[] mean;
    private final double[][] quantiles; // (H, levels)
    private final QuantileLevels levels;

    public MethodForecast(double[] mean, double[][] quantiles, QuantileLevels levels) {
        if (mean == null || quantiles == null || levels == null) {
            throw new IllegalArgumentException("mean, quantiles and levels are required, was " + mean + ", "
                    + quantiles + ", " + levels);
        }
        if (mean.length == 0) {
            throw new IllegalArgumentException("mean must hold at least one step, was empty");
        }
        if (quantiles.length != mean.length) {
            throw new IllegalArgumentException("quantiles must hold one row per step (" + mean.length + "), had "
                    + quantiles.length);
        }
        this.mean = mean.clone();
        this.quantiles = new double[mean.length][];
        for (int step = 0; step < mean.length; step++) {
            if (!Double.isFinite(mean[step])) {
                throw new IllegalArgumentException("mean at step " + step + " must be finite, was " + mean[step]);
            }
            double[] row = quantiles[step];
            if (row == null || row.length != levels.size()) {
                throw new IllegalArgumentException("quantiles at step " + step + " must hold " + levels.size()
                        + " values, had " + (row == null ? "null" : row.length));
            }
            for (int q = 0; q < row.length; q++) {
                if (!Double.isFinite(row[q])) {
                    throw new IllegalArgumentException("quantile " + levels.columnName(q) + " at step " + step
                            + " must be finite, was " + row[q]);
                }
                if (q > 0 && row[q] < row[q - 1]) {
                    throw new IllegalArgumentException("quantiles at step " + step + " must be non-decreasing, but "
                            + levels.columnName(q) + "=" + row[q] + " follows " + row[q - 1]);
                }
            }
            this.quantiles[step] = row.clone();
        }
        this.levels = levels;
    }

    /**
     * A forecast whose quantiles are {@code mean + z(level) * standardError}, the normal intervals R's forecast
     * package reports. A zero standard error gives a degenerate fan at the mean.
     */
    public static MethodForecast normal(double[] mean, double[] standardError, QuantileLevels levels) {
        double[][] quantiles = new double[mean.length][levels.size()];
        for (int q = 0; q < levels.size(); q++) {
            double z = NormalQuantile.of(levels.level(q));
            for (int step = 0; step < mean.length; step++) {
                quantiles[step][q] = mean[step] + z * standardError[step];
            }
        }
        return new MethodForecast(mean, quantiles, levels);
    }

    public int horizon() {
        return mean.length;
    }

    public QuantileLevels levels() {
        return levels;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double mean(int step) {
        return mean[step];
    }

    /** The value at {@code step} (0-based) for the level at {@code levelIndex}. */
    public double quantile(int step, int levelIndex) {
        return quantiles[step][levelIndex];
    }

    /** The row of quantiles at {@code step}, one per level. */
    public double[] quantiles(int step) {
        return quantiles[step].clone();
    }

    /**
     * The value at {@code step} for {@code level}, which must be one of this forecast's levels.
     *
     * @throws IllegalArgumentException if the level was not forecast
     */
    public double quantileAt(int step, double level) {
        return quantiles[step][levelIndex(levels, level)];
    }

    /** The index of {@code level} in {@code levels}, compared within 1e-9. */
    public static int levelIndex(QuantileLevels levels, double level) {
        for (int q = 0; q < levels.size(); q++) {
            if (Math.abs(levels.level(q) - level) < 1e-9) {
                return q;
            }
        }
        throw new IllegalArgumentException("level " + level + " is not among the forecast's levels " + levels);
    }

    @Override
    public String toString() {
        return "MethodForecast[mean=" + Arrays.toString(mean) + ", levels=" + levels + "]";
    }
}
