package io.tidewise.store;

import io.tidewise.core.SeriesId;

/**
 * Live accuracy of one model on one series over a time range.
 *
 * @param count how many forecast values met their observation
 * @param meanAbsError mean absolute error, in the series' units
 * @param meanScaledError mean scaled error (MASE-like); NaN when no record had a defined scale
 * @param coverage80 share of observations inside the 80% band, in [0, 1]
 */
public record AccuracySummary(
        SeriesId series, String model, long count, double meanAbsError, double meanScaledError, double coverage80) {}
