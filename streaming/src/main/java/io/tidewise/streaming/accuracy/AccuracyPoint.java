package io.tidewise.streaming.accuracy;

import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Instant;

/**
 * The score of one forecast step against the value that came true: a point of the {@code accuracy} measurement.
 *
 * @param timestamp     the target time (the step's start)
 * @param step          how many steps ahead the forecast was made (1..H)
 * @param issuedAt      when the scored forecast was issued (the start of its context's newest step)
 * @param actual        the value that came true
 * @param predicted     the forecast's median
 * @param absoluteError {@code |actual - predicted|}
 * @param scaledError   the absolute error divided by the seasonal-naive scale of the forecast's context; NaN when
 *                      that context had no scale
 * @param covered80     whether the actual value lies inside the forecast's 10%-90% band
 */
public record AccuracyPoint(SeriesId series, String modelId, Instant timestamp, int step, Instant issuedAt,
        double actual, double predicted, double absoluteError, double scaledError, boolean covered80) {

    public AccuracyPoint {
        Validation.requireNonNull(series, "series");
        Validation.requireNonBlank(modelId, "model of " + series);
        Validation.requireNonNull(timestamp, "timestamp of " + series);
        Validation.requirePositive(step, "step of " + series);
        Validation.requireNonNull(issuedAt, "issued at of " + series);
        Validation.requireFinite(actual, "actual of " + series);
        Validation.requireFinite(predicted, "predicted of " + series);
    }

    public boolean hasScaledError() {
        return !Double.isNaN(scaledError);
    }
}
