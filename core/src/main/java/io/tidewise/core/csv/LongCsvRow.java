package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;

/**
 * One observation line of a long CSV.
 *
 * @param line   where it was read (1-based; the header is line 1)
 * @param series its series
 * @param time   its time, in the kind it was written
 * @param value  its value, {@link Double#NaN} when the field was empty (missing)
 */
public record LongCsvRow(long line, SeriesId series, SeriesTime time, double value) {
    public boolean isMissing() {
        return Double.isNaN(value);
    }
}
