package io.tidewise.streaming.inference;

import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One forecast as the job emits it: the core {@link Forecast} flattened into arrays (which Flink serializes without
 * Kryo) plus what the sinks and live accuracy need: the model, when it was issued and the seasonal-naive scale of
 * the context it was made from.
 *
 * @param modelId       {@code name@version} of the model
 * @param issuedAt      start of the newest step of the context the forecast was made from (event time, so a
 *                      replay reissues the very same point)
 * @param levels        the quantile levels, increasing
 * @param targetTimes   target time of each step, epoch milliseconds; index {@code h - 1} is step {@code h}
 * @param means         the mean of each step
 * @param quantiles     {@code quantiles[h - 1][q]}: the value of step {@code h} at level {@code levels[q]}
 * @param seasonalScale the context's seasonal-naive scale, NaN when it has none
 * @param arrivedAt     wall-clock epoch milliseconds at which the newest observation it was made from reached the
 *                      job, 0 when unknown; not part of the forecast's identity (equals ignores it)
 */
public record IssuedForecast(SeriesId series, Domain domain, String modelId, Instant issuedAt, double[] levels,
        long[] targetTimes, double[] means, double[][] quantiles, double seasonalScale, long arrivedAt) {

    public IssuedForecast {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(domain, "domain of " + series);
        Validation.requireNonBlank(modelId, "model of " + series);
        Validation.requireNonNull(issuedAt, "issued at of " + series);
        Validation.requireNonNull(levels, "levels of " + series);
        Validation.requireNonNull(targetTimes, "target times of " + series);
        Validation.requireNonNull(means, "means of " + series);
        Validation.requireNonNull(quantiles, "quantiles of " + series);
        if (means.length != targetTimes.length || quantiles.length != targetTimes.length) {
            throw new IllegalArgumentException("forecast of " + series + " must have one target time, mean and "
                    + "quantile row per step, had " + targetTimes.length + ", " + means.length + " and "
                    + quantiles.length);
        }
    }

    /** A forecast whose arrival is not known. */
    public IssuedForecast(SeriesId series, Domain domain, String modelId, Instant issuedAt, double[] levels,
            long[] targetTimes, double[] means, double[][] quantiles, double seasonalScale) {
        this(series, domain, modelId, issuedAt, levels, targetTimes, means, quantiles, seasonalScale, 0L);
    }

    /**
     * Flattens a forecast. Steps without a target time get one from {@code fallbackTimes}, which continue the
     * series from its last step.
     */
    public static IssuedForecast of(Forecast forecast, Domain domain, String modelId, Instant issuedAt,
            long[] fallbackTimes, double seasonalScale) {
        return of(forecast, domain, modelId, issuedAt, fallbackTimes, seasonalScale, 0L);
    }

    /** {@link #of(Forecast, Domain, String, Instant, long[], double)} with the arrival of its newest observation. */
    public static IssuedForecast of(Forecast forecast, Domain domain, String modelId, Instant issuedAt,
            long[] fallbackTimes, double seasonalScale, long arrivedAt) {
        int horizon = forecast.horizon();
        long[] times = new long[horizon];
        double[] means = new double[horizon];
        double[][] quantiles = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            ForecastStep step = forecast.steps().get(h);
            times[h] = step.timestamp() != null ? step.timestamp().toEpochMilli() : fallbackTimes[h];
            means[h] = step.mean();
            quantiles[h] = step.quantiles();
        }
        return new IssuedForecast(forecast.series(), domain, modelId, issuedAt, forecast.levels().toArray(), times,
                means, quantiles, seasonalScale, arrivedAt);
    }

    public int horizon() {
        return targetTimes.length;
    }

    public Instant targetTime(int step) {
        return Instant.ofEpochMilli(targetTimes[step - 1]);
    }

    /** The value of {@code step} (1-based) at the level closest to {@code level}, which must be one of the levels. */
    public double quantile(int step, double level) {
        return quantiles[step - 1][levelIndex(level)];
    }

    public boolean hasLevel(double level) {
        return indexOf(level) >= 0;
    }

    private int levelIndex(double level) {
        int index = indexOf(level);
        if (index < 0) {
            throw new IllegalArgumentException("level " + level + " is not among the forecast's levels "
                    + Arrays.toString(levels));
        }
        return index;
    }

    private int indexOf(double level) {
        for (int q = 0; q < levels.length; q++) {
            if (Math.abs(levels[q] - level) < 1e-9) {
                return q;
            }
        }
        return -1;
    }

    /** Back to the core type. */
    public Forecast toForecast() {
        List<ForecastStep> steps = new ArrayList<>(horizon());
        for (int h = 0; h < horizon(); h++) {
            steps.add(new ForecastStep(h + 1, Instant.ofEpochMilli(targetTimes[h]), means[h], quantiles[h]));
        }
        return new Forecast(series, new QuantileLevels(levels), steps);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssuedForecast that
                && series.equals(that.series)
                && domain == that.domain
                && modelId.equals(that.modelId)
                && issuedAt.equals(that.issuedAt)
                && Arrays.equals(levels, that.levels)
                && Arrays.equals(targetTimes, that.targetTimes)
                && Arrays.equals(means, that.means)
                && Arrays.deepEquals(quantiles, that.quantiles)
                && Double.compare(seasonalScale, that.seasonalScale) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, modelId, issuedAt) * 31 + Arrays.hashCode(means);
    }

    @Override
    public String toString() {
        return "IssuedForecast[series=" + series + ", model=" + modelId + ", issuedAt=" + issuedAt + ", horizon="
                + horizon() + ", means=" + Arrays.toString(means) + "]";
    }
}
