package io.tidewise.model.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Series that move steadily one way (a population, a capital stock, a price index) are forecast through their first
 * differences. Standardised, such a series is a steep, smooth line, and the model's output is not precise enough to
 * continue it step by step: on the growth check ({@code scripts/trend-check.sh}) {@code default@6} carried about 80%
 * of a steady growth. Its differences are a nearly constant series, which the model continues well; their running sum
 * from the last value continues the growth.
 *
 * <p>Which series: those whose observed steps drift clearly one way, the mean of the steps at least
 * {@link #DEFAULT_STEADY_DRIFT_STANDARD_ERRORS} standard errors from zero. The steps of whole seasons cancel out and a
 * random walk's scatter around a drift much smaller than themselves, so seasonal series and prices keep the ordinary
 * forecast; forecasting every series through its differences loses badly on them (the model card has the figures).
 * Counting in standard errors rather than in standard deviations lets a long, smooth series whose growth varies (a
 * capital stock, an industrial index) count as steady, while a short, noisy one needs a drift larger than its noise.
 * The standard error treats the steps as independent, which smooth steps are not: a noiseless season longer than the
 * context (a yearly cycle in 512 daily values) can count as steady at some phases. Its differences are then a smooth
 * wave too, which the model continues; on the development suite no hourly, daily or weekly dataset changed.
 *
 * <p>The quantiles: the mean path is the last value plus the running sum of the differences' means, and each
 * quantile adds the running sum of the differences' quantile offsets from their means, as for steps that move
 * together (a slope that persists is the main uncertainty of a steady series).
 */
final class SteadyTrends {
    /**
     * How many standard errors (standard deviation / sqrt(steps)) the steps' mean must be from zero. Chosen on the
     * development suite's in-domain datasets only: first among 3, 4, 5, 6 and 8 (5 and 6 tied; 6 changed fewer
     * series); with flip averaging on, again among 1.5, 2, 2.5, 3, 4, 5, 6 and 8, where 3 had the lowest MASE (2.5 was
     * much worse on short, noisy yearly series). The model card has both sweeps.
     */
    static final double DEFAULT_STEADY_DRIFT_STANDARD_ERRORS = 3.0;
    private static final int MIN_STEPS = 2;

    private SteadyTrends() {}

    /**
     * The context's {@link #differences} when its last value is observed and the mean of its observed steps is at
     * least {@code standardErrors} standard errors from zero; empty otherwise.
     */
    static Optional<double[]> steadySteps(double[] context, double standardErrors) {
        if (context.length <= MIN_STEPS || !Double.isFinite(context[context.length - 1])) {
            return Optional.empty();
        }
        double[] steps = differences(context);
        return stepsGoSteadily(steps, standardErrors) ? Optional.of(steps) : Optional.empty();
    }

    private static boolean stepsGoSteadily(double[] steps, double standardErrors) {
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
        double squares = 0;
        for (double step : steps) {
            if (Double.isFinite(step)) {
                squares += (step - mean) * (step - mean);
            }
        }
        double standardError = Math.sqrt(squares / count) / Math.sqrt(count);
        return mean != 0 && Math.abs(mean) >= standardErrors * standardError;
    }

    /** x[t] - x[t-1] for t = 1..n-1, NaN where either is missing. */
    static double[] differences(double[] context) {
        double[] steps = new double[context.length - 1];
        for (int t = 1; t < context.length; t++) {
            steps[t - 1] = context[t] - context[t - 1];
        }
        return steps;
    }

    /**
     * The forecast of the series from the forecast of its differences: the last value plus running sums (see the
     * class comment), with the target times of {@code ordinary}; never below zero when {@code nonNegative}.
     */
    static Forecast integrate(Forecast ordinary, double last, Forecast differences, boolean nonNegative) {
        List<ForecastStep> steps = new ArrayList<>(ordinary.horizon());
        double mean = last;
        double[] offsets = new double[ordinary.levels().size()];
        for (int h = 0; h < ordinary.horizon(); h++) {
            ForecastStep step = differences.steps().get(h);
            mean += step.mean();
            double[] quantiles = new double[offsets.length];
            for (int q = 0; q < quantiles.length; q++) {
                offsets[q] += step.quantile(q) - step.mean();
                quantiles[q] = nonNegative ? Math.max(0, mean + offsets[q]) : mean + offsets[q];
            }
            steps.add(new ForecastStep(h + 1, ordinary.steps().get(h).timestamp(),
                    nonNegative ? Math.max(0, mean) : mean, quantiles));
        }
        return new Forecast(ordinary.series(), ordinary.levels(), steps);
    }
}
