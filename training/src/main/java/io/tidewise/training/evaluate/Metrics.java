package io.tidewise.training.evaluate;

import io.tidewise.training.baseline.MethodForecast;

/**
 * Forecast accuracy metrics over one window. Actual values that are missing ({@code NaN}) are left out of every
 * metric; a metric with nothing to average is {@code NaN}.
 *
 * <ul>
 *   <li>MASE (Hyndman and Koehler, 2006): mean absolute error over the in-sample mean absolute seasonal-naive
 *       error of the context, {@code mean|y(t) - y(t-m)|} (m = 1 when the context is not longer than m).
 *   <li>sMAPE (M4 competition): {@code mean(200 * |y - f| / (|y| + |f|))}, 0 where both are 0.
 *   <li>WQL (Chronos, Ansari et al. 2024): per level q, {@code 2 * sum pinball_q / sum |y|}, averaged over the
 *       levels; {@code pinball_q(y, f) = q(y-f)} if {@code y >= f}, else {@code (1-q)(f-y)}.
 *   <li>Coverage: the share of actual values inside [lower, upper] quantiles, e.g. p10..p90 for 80%.
 * </ul>
 */
public final class Metrics {
    private Metrics() {}

    /**
     * The MASE scale: mean absolute seasonal difference of the context, skipping pairs with a missing value.
     * {@code NaN} when no pair is observed; 0 for a context that never changes at that lag.
     */
    public static double maseScale(double[] context, int seasonalPeriod) {
        int lag = context.length > seasonalPeriod ? seasonalPeriod : 1;
        double sum = 0;
        int count = 0;
        for (int t = lag; t < context.length; t++) {
            double difference = context[t] - context[t - lag];
            if (!Double.isNaN(difference)) {
                sum += Math.abs(difference);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean absolute error of {@code forecast} against the observed actuals. */
    public static double meanAbsoluteError(double[] actual, double[] forecast) {
        checkLengths(actual, forecast);
        double sum = 0;
        int count = 0;
        for (int t = 0; t < actual.length; t++) {
            if (!Double.isNaN(actual[t])) {
                sum += Math.abs(actual[t] - forecast[t]);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** MASE: MAE over {@link #maseScale}; infinite when the scale is 0 and the error is not, NaN when both are. */
    public static double mase(double[] actual, double[] forecast, double scale) {
        return meanAbsoluteError(actual, forecast) / scale;
    }

    /** Symmetric MAPE in percent (0..200). */
    public static double smape(double[] actual, double[] forecast) {
        checkLengths(actual, forecast);
        double sum = 0;
        int count = 0;
        for (int t = 0; t < actual.length; t++) {
            if (Double.isNaN(actual[t])) {
                continue;
            }
            double denominator = Math.abs(actual[t]) + Math.abs(forecast[t]);
            // a forecast of the opposite sign scores 200 exactly, which rounding can push a last bit above
            sum += denominator == 0 ? 0 : Math.min(200, 200 * Math.abs(actual[t] - forecast[t]) / denominator);
            count++;
        }
        return count == 0 ? Double.NaN : Math.min(200, sum / count);
    }

    /** The pinball (quantile) loss of {@code prediction} for level {@code level} at one actual value. */
    public static double pinball(double actual, double prediction, double level) {
        return actual >= prediction ? level * (actual - prediction) : (1 - level) * (prediction - actual);
    }

    /**
     * The two sums WQL is made of, so that windows and series can be pooled before dividing: the pinball loss
     * summed over observed steps per level, and the sum of |actual| over the same steps.
     */
    public static QuantileLossSums quantileLossSums(double[] actual, MethodForecast forecast) {
        if (actual.length != forecast.horizon()) {
            throw new IllegalArgumentException("actual holds " + actual.length + " values for a forecast of horizon "
                    + forecast.horizon());
        }
        double[] pinball = new double[forecast.levels().size()];
        double absoluteSum = 0;
        int observed = 0;
        for (int t = 0; t < actual.length; t++) {
            if (Double.isNaN(actual[t])) {
                continue;
            }
            observed++;
            absoluteSum += Math.abs(actual[t]);
            for (int q = 0; q < pinball.length; q++) {
                pinball[q] += pinball(actual[t], forecast.quantile(t, q), forecast.levels().level(q));
            }
        }
        return new QuantileLossSums(pinball, absoluteSum, observed);
    }

    /** WQL of one window. */
    public static double weightedQuantileLoss(double[] actual, MethodForecast forecast) {
        return quantileLossSums(actual, forecast).weightedQuantileLoss();
    }

    /**
     * Counts the observed actuals inside [quantile at {@code lowerLevel}, quantile at {@code upperLevel}].
     *
     * @return {inside, observed}
     */
    public static int[] coverageCounts(double[] actual, MethodForecast forecast, double lowerLevel,
            double upperLevel) {
        int lower = MethodForecast.levelIndex(forecast.levels(), lowerLevel);
        int upper = MethodForecast.levelIndex(forecast.levels(), upperLevel);
        int inside = 0;
        int observed = 0;
        for (int t = 0; t < actual.length; t++) {
            if (Double.isNaN(actual[t])) {
                continue;
            }
            observed++;
            if (actual[t] >= forecast.quantile(t, lower) && actual[t] <= forecast.quantile(t, upper)) {
                inside++;
            }
        }
        return new int[] {inside, observed};
    }

    /** The share of observed actuals inside the central 80% interval (p10..p90). */
    public static double coverage80(double[] actual, MethodForecast forecast) {
        int[] counts = coverageCounts(actual, forecast, 0.1, 0.9);
        return counts[1] == 0 ? Double.NaN : (double) counts[0] / counts[1];
    }

    private static void checkLengths(double[] actual, double[] forecast) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual holds " + actual.length + " values but forecast holds "
                    + forecast.length);
        }
    }
}
