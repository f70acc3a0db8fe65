package io.tidewise.store;

import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Instant;

/**
 * The live accuracy of one forecast value, written when the observation for its time arrives.
 *
 * @param timestamp the observation time (the forecast's target time)
 * @param absError {@code |observed - forecast median|}, in the series' units
 * @param scaledError the absolute error divided by the series' seasonal-naive scale; NaN when that scale is
 *     undefined (too little history, or a constant series), and then not written
 * @param covered80 whether the observation fell inside the forecast's 10%..90% band
 */
public record AccuracyRecord(
        SeriesId series, String model, Instant timestamp, double absError, double scaledError, boolean covered80) {

    public AccuracyRecord {
        Validation.requireNonNull(series, "series");
        InfluxSchema.requireModelId(model);
        Validation.requireNonNull(timestamp, "timestamp");
        Validation.requireFinite(absError, "absError");
        if (absError < 0) {
            throw new IllegalArgumentException("absError must not be negative, was " + absError);
        }
        if (Double.isInfinite(scaledError) || scaledError < 0) {
            throw new IllegalArgumentException(
                    "scaledError must be a non-negative finite number or NaN (undefined), was " + scaledError);
        }
    }

    public boolean hasScaledError() {
        return !Double.isNaN(scaledError);
    }
}
