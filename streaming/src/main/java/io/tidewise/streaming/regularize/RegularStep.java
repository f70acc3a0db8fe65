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
 */
public record RegularStep(SeriesId series, Domain domain, Instant timestamp, double value) {

    public RegularStep {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(domain, "domain of " + series);
        Validation.requireNonNull(timestamp, "timestamp of " + series);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("value of " + series + " at " + timestamp
                    + " must be finite or NaN (missing), was " + value);
        }
    }

    public static RegularStep missing(SeriesId series, Domain domain, Instant timestamp) {
        return new RegularStep(series, domain, timestamp, Double.NaN);
    }

    public boolean isMissing() {
        return Double.isNaN(value);
    }
}
