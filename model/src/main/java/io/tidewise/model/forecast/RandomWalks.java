package io.tidewise.model.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Series whose steps look like independent noise (a share price, an exchange rate, a yield) are forecast at their
 * last value. For a random walk the last value is the best point forecast there is; the model's median wanders off
 * it (on {@code scripts/random-walk-check.sh} {@code default@8}'s median had 4.7% more absolute error than the last
 * value, 11.9% on 60-value walks), and on the development suite's share prices and daily rates it lost to seasonal
 * naive by 1-8%. The model's spread is kept: each step's quantiles and mean move by the distance from its median to
 * the last value.
 *
 * <p>Which series: those with at least {@link #MIN_STEPS} observed steps, not steady ({@link SteadyTrends} goes
 * first), whose steps show no autocorrelation by the Ljung-Box statistic over the first {@code min(24, steps / 4)}
 * lags: {@code Q = n (n + 2) sum r_k^2 / (n - k)} at most the chi-square quantile for that many lags at {@code z}
 * standard normal deviations (the Wilson-Hilferty approximation). Stationary noise differenced has a lag-1
 * autocorrelation near -0.5, a cycle correlates its steps a cycle apart, a smooth wave or trend correlates
 * neighbouring steps: all of those keep the model's forecast. The test cannot tell a random walk from a short noisy
 * series whose structure its few steps do not show, hence the minimum.
 */
final class RandomWalks {
    /** Steps needed before a series can count as a random walk; fewer steps show too little to test. */
    static final int MIN_STEPS = Integer.getInteger("tidewise.scratch.walkMinSteps", 30);
    static final double DEFAULT_DEVIATES = 1.0;
    private static final int MAX_LAGS = 24;
    private static final int STEPS_PER_LAG = 4;

    private RandomWalks() {}

    /**
     * Whether the observed steps of {@code context} (its last value observed) have no autocorrelation that the
     * Ljung-Box test sees at {@code z} standard normal deviations (larger: more series count as random walks).
     */
    static boolean looksLikeRandomWalk(double[] context, double z) {
        if (context.length < 2 || !Double.isFinite(context[context.length - 1])) {
            return false;
        }
        double[] steps = SteadyTrends.differences(context);
        double sum = 0;
        int count = 0;
        for (double step : steps) {
            if (Double.isFinite(step)) {
                sum += step;
                count++;
            }
        }
        if (count < MIN_STEPS) {
            return false;
        }
        double mean = sum / count;
        double variance = 0;
        for (double step : steps) {
            if (Double.isFinite(step)) {
                variance += (step - mean) * (step - mean);
            }
        }
        if (!(variance > 0)) {
            return false;
        }
        int lags = Math.min(MAX_LAGS, count / STEPS_PER_LAG);
        double statistic = 0;
        for (int lag = 1; lag <= lags; lag++) {
            double covariance = 0;
            for (int t = lag; t < steps.length; t++) {
                if (Double.isFinite(steps[t]) && Double.isFinite(steps[t - lag])) {
                    covariance += (steps[t] - mean) * (steps[t - lag] - mean);
                }
            }
            double autocorrelation = covariance / variance;
            statistic += autocorrelation * autocorrelation / (count - lag);
        }
        statistic *= (double) count * (count + 2);
        return statistic <= chiSquareQuantile(lags, z);
    }

    /** The chi-square quantile with {@code degrees} degrees of freedom at standard normal deviate {@code z}. */
    static double chiSquareQuantile(int degrees, double z) {
        double spread = 2.0 / (9.0 * degrees);
        double root = 1 - spread + z * Math.sqrt(spread);
        return root <= 0 ? 0 : degrees * root * root * root;
    }

    /**
     * {@code forecast} moved step by step so that its median is {@code last}, spread unchanged; never below zero when
     * {@code nonNegative}.
     */
    static Forecast centredOn(Forecast forecast, double last, boolean nonNegative) {
        List<ForecastStep> steps = new ArrayList<>(forecast.horizon());
        double[] levels = forecast.levels().toArray();
        for (int h = 0; h < forecast.horizon(); h++) {
            ForecastStep step = forecast.steps().get(h);
            double shift = last - QuantileInterpolation.valueAt(levels, step.quantiles(), 0.5);
            double[] quantiles = new double[forecast.levels().size()];
            for (int q = 0; q < quantiles.length; q++) {
                quantiles[q] = floored(step.quantile(q) + shift, nonNegative);
            }
            steps.add(new ForecastStep(step.step(), step.timestamp(), floored(step.mean() + shift, nonNegative),
                    quantiles));
        }
        return new Forecast(forecast.series(), forecast.levels(), steps);
    }

    private static double floored(double value, boolean nonNegative) {
        return nonNegative ? Math.max(0, value) : value;
    }
}
