package io.tidewise.streaming.regularize;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Instant;

/**
 * The value of one series for one step of its grid.
 *
 * @param timestamp the start of the step
 * @param value     the aggregated value, or {@link Double#NaN} when no observation fell into the step
 * @param arrivedAt wall-clock epoch milliseconds at which the step's newest observation reached the job, 0 when
 *                  unknown (a missing step): where the forecast latency metric starts
 */
public record RegularStep(SeriesId series, Domain domain, Instant timestamp, double value, long arrivedAt) {

    public RegularStep {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(domain, "domain of " + series);
        Validation.requireNonNull(timestamp, "timestamp of " + series);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("value of " + series + " at " + timestamp
                    + " must be finite or NaN (missing), was " + value);
        }
    }

    /** A step whose arrival is not known (replays in tests). */
    public RegularStep(SeriesId series, Domain domain, Instant timestamp, double value) {
        this(series, domain, timestamp, value, 0L);
    }

    public static RegularStep missing(SeriesId series, Domain domain, Instant timestamp) {
        return new RegularStep(series, domain, timestamp, Double.NaN);
    }

    public boolean isMissing() {
        return Double.isNaN(value);
    }

    /** The step's identity and value; when it arrived is bookkeeping for metrics. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RegularStep that && series.equals(that.series) && domain == that.domain
                && timestamp.equals(that.timestamp) && Double.compare(value, that.value) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(series, domain, timestamp, value);
    }
}
