package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a long CSV ({@code series_id,timestamp,value}, columns in any order) one observation at a time, for inputs
 * too large to hold or that are replayed as they are read. Each row is checked on its own (series id, timestamp
 * syntax, number syntax, shape); checks that need a whole series (sorting, duplicates, one time kind) are
 * {@link LongCsvReader}'s.
 */
public final class LongCsvRowReader implements Closeable {
    public static final String SERIES_ID = "series_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String VALUE = "value";
    public static final List<String> HEADER = List.of(SERIES_ID, TIMESTAMP, VALUE);

    /** Plain decimal numbers; Java's own parser would also take {@code 1d}, {@code 0x1p3} and {@code Infinity}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Ids seen so far, so that a series' id is validated once rather than on each of its rows. */
    private final Map<String, SeriesId> seriesIds = new HashMap<>();

    private final CsvReader csv;
    private final int seriesColumn;
    private final int timestampColumn;
    private final int valueColumn;

    /**
     * Opens {@code file} (UTF-8) and reads its header.
     *
     * @throws CsvFormatException if the file is empty or its header is not the long layout's
     */
    public static LongCsvRowReader open(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            return new LongCsvRowReader(reader, file.toString());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Reads the header from {@code reader}.
     *
     * @param sourceName how messages name the input
     * @throws CsvFormatException if the input is empty or its header is not the long layout's
     */
    public LongCsvRowReader(Reader reader, String sourceName) throws IOException {
        this.csv = new CsvReader(reader, sourceName);
        List<String> header = csv.readRecord();
        if (header == null) {
            throw new CsvFormatException(sourceName, 1, "the input is empty; expected the header "
                    + String.join(",", HEADER));
        }
        int series = -1;
        int timestamp = -1;
        int value = -1;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            int previous = switch (column) {
                case SERIES_ID -> { int p = series; series = i; yield p; }
                case TIMESTAMP -> { int p = timestamp; timestamp = i; yield p; }
                case VALUE -> { int p = value; value = i; yield p; }
                default -> throw new CsvFormatException(sourceName, csv.recordLine(), "unknown column '" + column
                        + "' in the header, expected exactly " + String.join(",", HEADER) + " (in any order)");
            };
            if (previous >= 0) {
                throw new CsvFormatException(sourceName, csv.recordLine(), "column '" + column
                        + "' appears twice in the header, at positions " + (previous + 1) + " and " + (i + 1));
            }
        }
        String missing = series < 0 ? SERIES_ID : timestamp < 0 ? TIMESTAMP : value < 0 ? VALUE : null;
        if (missing != null) {
            throw new CsvFormatException(sourceName, csv.recordLine(), "missing column '" + missing
                    + "' in the header, expected " + String.join(",", HEADER) + ", was '" + String.join(",", header)
                    + "'");
        }
        this.seriesColumn = series;
        this.timestampColumn = timestamp;
        this.valueColumn = value;
    }

    public String sourceName() {
        return csv.sourceName();
    }

    /**
     * The next observation.
     *
     * @return the row, or {@code null} at the end of the input
     * @throws LongCsvRowException for a line that is not an observation; the next call reads the next line
     * @throws CsvFormatException  (not a row exception) when the rest of the input cannot be read
     */
    public LongCsvRow next() throws IOException {
        List<String> fields;
        try {
            fields = csv.readRecord();
        } catch (LongCsvRowException e) {
            throw e;
        } catch (CsvFormatException e) {
            if (!e.isRecoverable()) {
                throw e;
            }
            SeriesId series = seriesOrNull(e.partialFields());
            throw new LongCsvRowException(sourceName(), e.line(), series, "record",
                    String.join(",", e.partialFields()), problem(e) + ofSeries(series));
        }
        if (fields == null) {
            return null;
        }
        long line = csv.recordLine();
        if (fields.size() != HEADER.size()) {
            SeriesId series = seriesOrNull(fields);
            throw new LongCsvRowException(sourceName(), line, series, "record", String.join(",", fields),
                    "expected " + HEADER.size() + " fields, found " + fields.size() + ofSeries(series) + ", was '"
                            + String.join(",", fields) + "'");
        }
        String seriesText = fields.get(seriesColumn);
        SeriesId series = seriesIds.get(seriesText);
        try {
            if (series == null) {
                series = new SeriesId(seriesText);
                seriesIds.put(seriesText, series);
            }
        } catch (IllegalArgumentException e) {
            throw new LongCsvRowException(sourceName(), line, null, SERIES_ID, seriesText, SERIES_ID + " "
                    + e.getMessage().replaceFirst("^series ", ""));
        }
        String timeText = fields.get(timestampColumn);
        SeriesTime time;
        try {
            time = SeriesTime.parse(timeText);
        } catch (IllegalArgumentException e) {
            throw new LongCsvRowException(sourceName(), line, series, TIMESTAMP, timeText,
                    TIMESTAMP + ofSeries(series) + " " + e.getMessage());
        }
        String valueText = fields.get(valueColumn).strip();
        return new LongCsvRow(line, series, time, parseValue(valueText, line, series));
    }

    private double parseValue(String text, long line, SeriesId series) throws LongCsvRowException {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        if (!plainNumber(text)) {
            throw new LongCsvRowException(sourceName(), line, series, VALUE, text, VALUE + ofSeries(series)
                    + " is not a number (leave the field empty for a missing value), was '" + text + "'");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new LongCsvRowException(sourceName(), line, series, VALUE, text, VALUE + ofSeries(series)
                    + " is too large for a double, was '" + text + "'");
        }
        return value;
    }

    /** {@link #NUMBER}; the common {@code 123.45} is recognised by hand first, as this runs once per row. */
    private static boolean plainNumber(String text) {
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
            } else {
                return NUMBER.matcher(text).matches();
            }
        }
        return digits > 0 && dots <= 1;
    }

    private SeriesId seriesOrNull(List<String> fields) {
        if (fields.size() <= seriesColumn) {
            return null;
        }
        try {
            return new SeriesId(fields.get(seriesColumn));
        } catch (IllegalArgumentException e) {
            return null; // the line is reported as a whole; it just cannot be pinned on a series
        }
    }

    private static String ofSeries(SeriesId series) {
        return series == null ? "" : " of series '" + series + "'";
    }

    private static String problem(CsvFormatException e) {
        String prefix = e.sourceName() + ":" + e.line() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
