package io.tidewise.streaming.context;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import io.tidewise.model.forecast.ForecastRequest;
import java.time.Instant;
import java.util.Arrays;

/**
 * A request for one forecast of one series, as the context window emits it.
 *
 * @param context        the latest values, oldest first, NaN where missing; at most the context length
 * @param lastTimestamp  start of the newest step of the context
 * @param seasonalScale  the context's seasonal-naive scale ({@link SeasonalNaiveScale}), NaN when it has none
 * @param model          the registry name of the model to forecast with, or null for the default model
 * @param arrivedAt      wall-clock epoch milliseconds at which the newest step's observation reached the job, 0
 *                       when unknown
 */
public record ForecastTrigger(SeriesId series, Domain domain, double[] context, Instant lastTimestamp,
        Frequency frequency, int horizon, double seasonalScale, String model, long arrivedAt) {

    public ForecastTrigger {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(domain, "domain of " + series);
        Validation.requireNonNull(context, "context of " + series);
        Validation.requireNonNull(lastTimestamp, "last timestamp of " + series);
        Validation.requireNonNull(frequency, "frequency of " + series);
        Validation.requirePositive(horizon, "horizon of " + series);
    }

    /** A request whose arrival is not known. */
    public ForecastTrigger(SeriesId series, Domain domain, double[] context, Instant lastTimestamp,
            Frequency frequency, int horizon, double seasonalScale, String model) {
        this(series, domain, context, lastTimestamp, frequency, horizon, seasonalScale, model, 0L);
    }

    /** A request for the default model. */
    public ForecastTrigger(SeriesId series, Domain domain, double[] context, Instant lastTimestamp,
            Frequency frequency, int horizon, double seasonalScale) {
        this(series, domain, context, lastTimestamp, frequency, horizon, seasonalScale, null);
    }

    public ForecastRequest toRequest() {
        return new ForecastRequest(series, context, lastTimestamp, frequency);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForecastTrigger that
                && series.equals(that.series)
                && domain == that.domain
                && Arrays.equals(context, that.context)
                && lastTimestamp.equals(that.lastTimestamp)
                && frequency.equals(that.frequency)
                && horizon == that.horizon
                && Double.compare(seasonalScale, that.seasonalScale) == 0
                && java.util.Objects.equals(model, that.model);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(series, lastTimestamp, horizon) * 31 + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "ForecastTrigger[series=" + series + ", context=" + context.length + " values, lastTimestamp="
                + lastTimestamp + ", frequency=" + frequency + ", horizon=" + horizon + ", seasonalScale="
                + seasonalScale + ", model=" + model + "]";
    }
}
