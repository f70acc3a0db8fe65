package io.tidewise.model.forecast;

import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One series to forecast: its context, oldest first, with {@link Double#NaN} for a missing value. When
 * {@code lastTimestamp} and {@code frequency} are both given, forecast steps carry target times that continue the
 * series; otherwise they carry none (the input used step indices).
 */
public record ForecastRequest(SeriesId series, double[] context, Instant lastTimestamp, Frequency frequency) {

    public ForecastRequest {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(context, "context of " + series);
        if (context.length == 0) {
            throw new IllegalArgumentException("context of " + series + " must hold at least one value, was empty");
        }
        for (int i = 0; i < context.length; i++) {
            if (Double.isInfinite(context[i])) {
                throw new IllegalArgumentException("context of " + series + " at index " + i
                        + " must be finite or NaN (missing), was " + context[i]);
            }
        }
        context = context.clone();
    }

    /** A request without target times. */
    public static ForecastRequest ofValues(SeriesId series, double[] context) {
        return new ForecastRequest(series, context, null, null);
    }

    @Override
    public double[] context() {
        return context.clone();
    }

    /** Read-only view for the forecaster's hot path, which must not copy every context. */
    double[] contextUnsafe() {
        return context;
    }

    public boolean hasTimes() {
        return lastTimestamp != null && frequency != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForecastRequest that
                && series.equals(that.series)
                && Arrays.equals(context, that.context)
                && Objects.equals(lastTimestamp, that.lastTimestamp)
                && Objects.equals(frequency, that.frequency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, Arrays.hashCode(context), lastTimestamp, frequency);
    }

    @Override
    public String toString() {
        return "ForecastRequest[series=" + series + ", context=" + context.length + " values, lastTimestamp="
                + lastTimestamp + ", frequency=" + frequency + "]";
    }
}
