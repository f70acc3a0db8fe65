package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;

/**
 * Why a series of a long CSV was rejected, or why a line could not be given to any series.
 *
 * @param series        the rejected series; null when the line named no usable series id
 * @param sourceName    the input, as messages name it
 * @param line          the first line (1-based) found wrong
 * @param field         the column at fault: {@code series_id}, {@code timestamp}, {@code value}, or {@code record}
 *                      for a line of the wrong shape and {@code series} for the series as a whole
 * @param value         the offending text as read (the whole line's fields for a wrong shape)
 * @param message       {@code source:line: problem}, naming the field and the value
 * @param furtherErrors how many more bad lines the same series had after the first
 */
public record SeriesProblem(SeriesId series, String sourceName, long line, String field, String value,
                            String message, int furtherErrors) {

    /** The message, plus how many more errors the series had, for a user to read. */
    public String describe() {
        return furtherErrors == 0 ? message
                : message + " (and " + furtherErrors + " more bad line" + (furtherErrors == 1 ? "" : "s")
                        + " in this series)";
    }

    SeriesProblem withFurtherErrors(int count) {
        return new SeriesProblem(series, sourceName, line, field, value, message, count);
    }
}
