package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Writes the long CSV layout that {@link LongCsvReader} reads: the header {@code series_id,timestamp,value}, then one
 * line per observation; a missing value is an empty field; times are written in their own kind.
 */
public final class LongCsvWriter implements Closeable, Flushable {
    private final CsvWriter csv;

    /** Writes the header at once. */
    public LongCsvWriter(Writer out) throws IOException {
        this.csv = new CsvWriter(out);
        csv.writeRecord(LongCsvRowReader.HEADER);
    }

    /** Writes {@code series} to {@code file} (UTF-8), replacing it. */
    public static void write(Path file, Collection<SeriesData> series) throws IOException {
        try (LongCsvWriter writer = new LongCsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (SeriesData data : series) {
                writer.write(data);
            }
        }
    }

    public void write(SeriesData data) throws IOException {
        for (int i = 0; i < data.size(); i++) {
            writeRow(data.series(), data.time(i), data.value(i));
        }
    }

    /** @param value NaN writes an empty (missing) value */
    public void writeRow(SeriesId series, SeriesTime time, double value) throws IOException {
        csv.writeRecord(series.value(), time.format(), formatValue(value));
    }

    /** The shortest text that reads back to the same double; empty for NaN. */
    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public void flush() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
