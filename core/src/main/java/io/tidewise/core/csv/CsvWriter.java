package io.tidewise.core.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * Writes RFC-4180 records that {@link CsvReader} (and spreadsheets) read back: fields are quoted only when they hold
 * a comma, a quote, a line break or surrounding spaces; quotes inside are doubled; records end with LF.
 */
public final class CsvWriter implements Closeable, Flushable {
    private final Writer out;

    /** @param out where records go; buffer it for large outputs; closed by {@link #close()} */
    public CsvWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void writeRecord(List<String> fields) throws IOException {
        writeRecord(fields.toArray(String[]::new));
    }

    public void writeRecord(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields[i]));
        }
        out.write('\n');
    }

    /** The field as it must appear in a record; {@code null} is written as an empty field. */
    public static String quote(String field) {
        if (field == null || field.isEmpty()) {
            return "";
        }
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || Character.isWhitespace(field.charAt(0))
                || Character.isWhitespace(field.charAt(field.length() - 1));
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
