package io.tidewise.training.baseline;

import io.tidewise.core.QuantileLevels;
import java.util.Arrays;

/**
 * Seasonal naive: each step repeats the value one season earlier, {@code y(n+h) = y(n+h-m*k)} with {@code k} the
 * number of full seasons ahead, {@code ceil(h/m)}. As R's {@code forecast::snaive} (Hyndman and Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, 3rd ed., section 5.5): the in-sample seasonal differences
 * {@code e(t) = y(t) - y(t-m)} are the residuals, and step {@code h} spreads them by {@code sqrt(k)}:
 *
 * <ul>
 *   <li>{@link Intervals#NORMAL} (default, R's intervals): {@code mean + z(level) * sigma * sqrt(k)} with
 *       {@code sigma = sqrt(mean(e^2))};
 *   <li>{@link Intervals#EMPIRICAL}: {@code mean + quantile(e, level) * sqrt(k)}, the residuals' own distribution,
 *       for series whose seasonal changes are skewed.
 * </ul>
 *
 * <p>With fewer than {@code m + 1} values (no seasonal difference to learn from) it falls back to the naive method
 * (m = 1). A single value gives a degenerate fan at that value.
 */
public final class SeasonalNaive implements ForecastMethod {

    /** How the quantiles are derived from the in-sample seasonal differences. */
    public enum Intervals { NORMAL, EMPIRICAL }

    private final Intervals intervals;

    private SeasonalNaive(Intervals intervals) {
        this.intervals = intervals;
    }

    /** R's seasonal naive with normal intervals. */
    public static SeasonalNaive normal() {
        return new SeasonalNaive(Intervals.NORMAL);
    }

    /** Seasonal naive whose quantiles come from the empirical distribution of its in-sample errors. */
    public static SeasonalNaive empirical() {
        return new SeasonalNaive(Intervals.EMPIRICAL);
    }

    /** Stateless: every call fits its own model. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String name() {
        return intervals == Intervals.NORMAL ? "seasonal_naive" : "seasonal_naive_empirical";
    }

    @Override
    public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
        ForecastMethod.checkArguments(context, seasonalPeriod, horizon, levels);
        double[] y = MissingValues.interpolate(context);
        int n = y.length;
        int lag = n > seasonalPeriod ? seasonalPeriod : 1;
        double[] residuals = new double[Math.max(0, n - lag)];
        for (int t = lag; t < n; t++) {
            residuals[t - lag] = y[t] - y[t - lag];
        }
        double[] mean = new double[horizon];
        double[] spread = new double[horizon]; // sqrt(k): k full seasons ahead
        for (int step = 0; step < horizon; step++) {
            mean[step] = y[n - lag + step % lag];
            spread[step] = Math.sqrt(step / lag + 1);
        }
        if (intervals == Intervals.NORMAL || residuals.length == 0) {
            double sumOfSquares = 0;
            for (double residual : residuals) {
                sumOfSquares += residual * residual;
            }
            double sigma = residuals.length == 0 ? 0 : Math.sqrt(sumOfSquares / residuals.length);
            double[] standardError = new double[horizon];
            for (int step = 0; step < horizon; step++) {
                standardError[step] = sigma * spread[step];
            }
            return MethodForecast.normal(mean, standardError, levels);
        }
        double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        double[][] quantiles = new double[horizon][levels.size()];
        for (int q = 0; q < levels.size(); q++) {
            double residualQuantile = empiricalQuantile(sorted, levels.level(q));
            for (int step = 0; step < horizon; step++) {
                quantiles[step][q] = mean[step] + residualQuantile * spread[step];
            }
        }
        return new MethodForecast(mean, quantiles, levels);
    }

    /** R's default (type 7) sample quantile: linear between order statistics at {@code (n-1)p}. */
    static double empiricalQuantile(double[] sorted, double level) {
        double position = (sorted.length - 1) * level;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
