package io.tidewise.model.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Series with a strong, regular cycle (a day of temperatures every 288 five-minute values, a week of traffic every 168
 * hours) can be forecast through their seasonal differences, {@code x[t] - x[t-p]}: the model then continues what
 * changes from one cycle to the next, and the cycle itself is copied from the last one observed. The model alone draws
 * a long, clean cycle worse than repeating it ({@code scripts/daily-cycle-check.sh}: 6 to 11 times seasonal naive's
 * error at 5 to 30 minutes); through seasonal differences it only has to say how the next cycle differs.
 *
 * <p>Which series, in two steps. First a period is proposed from the context alone: a peak of the autocorrelation of
 * its values less their straight line (so that a trend does not make every lag look alike), after the autocorrelation
 * first goes below zero (so that a smooth series' short lags do not count as a cycle), high enough for the number of
 * pairs behind it; the shortest lag whose peak is nearly the highest. Then the forecaster backtests both ways on the
 * context: up to {@link #BACKTEST_ORIGINS} times, each time hiding {@code min(horizon, period, reach)} values more, it
 * forecasts the hidden values as usual and through seasonal differences, and keeps the seasonal forecast only where its
 * absolute error over all the backtests is below {@code margin} times the usual one's. The series' own recent history
 * decides, not its kind; a series with too little history for {@link #MIN_BACKTEST_PATCHES} patches of backtest keeps
 * the usual forecast.
 *
 * <p>The quantiles: step {@code h} is the value one period earlier (observed, or forecast when {@code h > p}) plus
 * the forecast difference; each quantile adds the difference's quantile offset from its mean to the offset the step
 * one period earlier had, as for changes that persist from cycle to cycle.
 */
final class SeasonalCycles {
    /**
     * The seasonal forecast is kept when its backtest error is below this share of the usual one's. Chosen on the
     * development suite's in-domain datasets among 0.4, 0.5, 0.6 and 0.8 (the model card of {@code default@8} has
     * the sweep): a looser margin swapped good forecasts of NAB's 5-minute series for seasonal ones chosen on noise, a
     * stricter one kept the usual forecast of hourly pedestrian counts where the seasonal one was better.
     */
    static final double DEFAULT_MARGIN = 0.5;
    /** The least autocorrelation at the proposed period, shrunk by the share of the window its pairs cover. */
    static final double MIN_AUTOCORRELATION = 0.3;
    /** The fewest seasonal differences the model reads in a backtest, in patches. */
    static final int MIN_DIFFERENCE_PATCHES = 2;
    /**
     * The fewest values the backtests of a series hide in all, in patches (64 values for the default model): fewer
     * decide by chance, and on the suite's short monthly, quarterly and weekly series they chose worse as often as
     * better.
     */
    static final int MIN_BACKTEST_PATCHES = 4;
    /** The most backtests per series, each ending where the one after it starts. */
    static final int BACKTEST_ORIGINS = 3;
    /** The fewest pairs of values an autocorrelation is computed from. */
    private static final int MIN_PAIRS = 24;
    /** A shorter lag whose peak is at least this share of the highest is the cycle, the highest one a multiple. */
    static final double FUNDAMENTAL_SHARE = 0.9;

    private SeasonalCycles() {}

    /**
     * The period proposed for {@code window} (the values the model reads, oldest first; NaN for missing), or 0 when
     * it shows no cycle. The period leaves at least {@code minDifferences} seasonal differences once the backtest
     * has hidden {@code min(horizon, period, reach)} values, and needs the last period of values observed, before the
     * hidden ones too.
     */
    static int period(double[] window, int horizon, int reach, int minDifferences) {
        int n = window.length;
        if (n < minDifferences + 4) {
            return 0;
        }
        double[] detrended = detrended(window);
        if (detrended == null) {
            return 0;
        }
        // a lag counts while the backtest leaves minDifferences seasonal differences; it hides at least one value,
        // so no lag beyond n - minDifferences - 1 does
        double[] correlations = new double[n - minDifferences];
        int lastLag = 0;
        for (int lag = 1; n - Math.min(Math.min(horizon, lag), reach) - lag >= minDifferences; lag++) {
            correlations[lag] = autocorrelation(detrended, lag);
            lastLag = lag;
        }
        int firstBelowZero = 1;
        while (firstBelowZero <= lastLag && !(correlations[firstBelowZero] < 0)) {
            firstBelowZero++;
        }
        // the local peaks after that which count (see isCycle); the highest decides how high a peak must be, and the
        // shortest such lag wins, so that a week is not taken for the fortnight it also repeats at
        double highest = 0;
        for (int lag = Math.max(2, firstBelowZero + 1); lag < lastLag; lag++) {
            if (isCycle(correlations, lag, n)) {
                highest = Math.max(highest, correlations[lag]);
            }
        }
        int best = 0;
        for (int lag = Math.max(2, firstBelowZero + 1); lag < lastLag && best == 0; lag++) {
            if (isCycle(correlations, lag, n) && correlations[lag] >= FUNDAMENTAL_SHARE * highest) {
                best = lag;
            }
        }
        if (best == 0) {
            return 0;
        }
        // the cycle copied, in the backtest and in the forecast, is observed throughout
        return observed(window, n - best - backtestHorizon(horizon, best, reach), n) ? best : 0;
    }

    /**
     * A local peak of the correlations, and high enough once shrunk by the share of the window its pairs cover: the
     * correlation of two short stretches far apart is high by chance for a random walk (its pairs are few and smooth),
     * while a real cycle keeps it near 1 (a day of 288 values in 512: 0.99 x 224 / 512 = 0.43).
     */
    private static boolean isCycle(double[] correlations, int lag, int n) {
        return correlations[lag] >= correlations[lag - 1] && correlations[lag] > correlations[lag + 1]
                && correlations[lag] * (n - lag) / n >= MIN_AUTOCORRELATION;
    }

    /** The values less their least-squares line, NaN where missing; null when fewer than two differ. */
    private static double[] detrended(double[] values) {
        double sumT = 0;
        double sumY = 0;
        int count = 0;
        for (int t = 0; t < values.length; t++) {
            if (Double.isFinite(values[t])) {
                sumT += t;
                sumY += values[t];
                count++;
            }
        }
        if (count < MIN_PAIRS) {
            return null;
        }
        double meanT = sumT / count;
        double meanY = sumY / count;
        double covariance = 0;
        double varianceT = 0;
        for (int t = 0; t < values.length; t++) {
            if (Double.isFinite(values[t])) {
                covariance += (t - meanT) * (values[t] - meanY);
                varianceT += (t - meanT) * (t - meanT);
            }
        }
        double slope = covariance / varianceT;
        double[] residuals = new double[values.length];
        double squares = 0;
        for (int t = 0; t < values.length; t++) {
            residuals[t] = values[t] - meanY - slope * (t - meanT);
            if (Double.isFinite(residuals[t])) {
                squares += residuals[t] * residuals[t];
            }
        }
        return squares > 1e-12 * Math.max(1, meanY * meanY) * count ? residuals : null;
    }

    /** Correlation of the pairs {@code lag} apart, each side centred and scaled by its own pairs' statistics. */
    private static double autocorrelation(double[] values, int lag) {
        double sumA = 0;
        double sumB = 0;
        int pairs = 0;
        for (int t = 0; t + lag < values.length; t++) {
            if (Double.isFinite(values[t]) && Double.isFinite(values[t + lag])) {
                sumA += values[t];
                sumB += values[t + lag];
                pairs++;
            }
        }
        if (pairs < MIN_PAIRS) {
            return 0;
        }
        double meanA = sumA / pairs;
        double meanB = sumB / pairs;
        double products = 0;
        double squaresA = 0;
        double squaresB = 0;
        for (int t = 0; t + lag < values.length; t++) {
            if (Double.isFinite(values[t]) && Double.isFinite(values[t + lag])) {
                double a = values[t] - meanA;
                double b = values[t + lag] - meanB;
                products += a * b;
                squaresA += a * a;
                squaresB += b * b;
            }
        }
        return squaresA > 0 && squaresB > 0 ? products / Math.sqrt(squaresA * squaresB) : 0;
    }

    /** Whether the context's last {@code period} values, which the seasonal forecast copies, are all observed. */
    static boolean lastPeriodObserved(double[] context, int period) {
        return context.length > period && observed(context, context.length - period, context.length);
    }

    /** How many values the backtest hides for a series with this period. */
    static int backtestHorizon(int horizon, int period, int reach) {
        return Math.min(Math.min(horizon, period), reach);
    }

    /** x[t] - x[t-p] for t = p..n-1, NaN where either is missing. */
    static double[] seasonalDifferences(double[] values, int period) {
        double[] differences = new double[values.length - period];
        for (int t = period; t < values.length; t++) {
            differences[t - period] = values[t] - values[t - period];
        }
        return differences;
    }

    /**
     * The forecast of the series from the forecast of its seasonal differences (see the class comment), with the
     * series and target times of {@code template}; never below zero when {@code nonNegative}. {@code values} ends
     * with at least one observed period.
     */
    static Forecast integrate(Forecast template, double[] values, int period, Forecast differences,
            boolean nonNegative) {
        int horizon = template.horizon();
        int levels = template.levels().size();
        double[] means = new double[horizon];
        double[][] offsets = new double[horizon][levels];
        List<ForecastStep> steps = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            ForecastStep step = differences.steps().get(h);
            double base = h < period ? values[values.length - period + h] : means[h - period];
            means[h] = base + step.mean();
            double[] quantiles = new double[levels];
            for (int q = 0; q < levels; q++) {
                offsets[h][q] = (h < period ? 0 : offsets[h - period][q]) + step.quantile(q) - step.mean();
                quantiles[q] = nonNegative ? Math.max(0, means[h] + offsets[h][q]) : means[h] + offsets[h][q];
            }
            steps.add(new ForecastStep(h + 1, template.steps().get(h).timestamp(),
                    nonNegative ? Math.max(0, means[h]) : means[h], quantiles));
        }
        return new Forecast(template.series(), template.levels(), steps);
    }

    /** How many backtests, each hiding {@code hidden} values more, fit the window (at least one). */
    static int backtestOrigins(double[] window, int period, int hidden, int most, int minDifferences) {
        int origins = 1;
        while (origins < most) {
            int copiedFrom = window.length - (origins + 1) * hidden - period;
            if (copiedFrom < minDifferences || !observed(window, copiedFrom, window.length - origins * hidden)) {
                break;
            }
            origins++;
        }
        return origins;
    }

    private static boolean observed(double[] values, int from, int to) {
        for (int t = from; t < to; t++) {
            if (!Double.isFinite(values[t])) {
                return false;
            }
        }
        return true;
    }

    /** Sum of the absolute errors of the forecast's means against the observed values of {@code truth}. */
    static double absoluteError(Forecast forecast, double[] truth) {
        double sum = 0;
        for (int h = 0; h < truth.length; h++) {
            if (Double.isFinite(truth[h])) {
                sum += Math.abs(forecast.steps().get(h).mean() - truth[h]);
            }
        }
        return sum;
    }
}
