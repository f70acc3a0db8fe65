package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;

/**
 * One line of a long CSV that cannot be read as an observation. Reading may go on with the next line; the series
 * the line names (when it names one) is the one to reject.
 */
public final class LongCsvRowException extends CsvFormatException {
    private static final long serialVersionUID = 1L;

    private final transient SeriesId series;
    private final String field;
    private final String value;

    LongCsvRowException(String sourceName, long line, SeriesId series, String field, String value, String problem) {
        super(sourceName, line, problem, java.util.List.of(), true);
        this.series = series;
        this.field = field;
        this.value = value;
    }

    /** The series the line names, or null when its series id itself is unusable. */
    public SeriesId series() {
        return series;
    }

    /** {@code series_id}, {@code timestamp}, {@code value}, or {@code record} for a line of the wrong shape. */
    public String field() {
        return field;
    }

    /** The offending text. */
    public String value() {
        return value;
    }

    SeriesProblem toProblem() {
        return new SeriesProblem(series, sourceName(), line(), field, value, getMessage(), 0);
    }
}
