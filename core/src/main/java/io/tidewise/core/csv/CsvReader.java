package io.tidewise.core.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC-4180 record reader: comma-separated fields, fields in double quotes may hold commas, line breaks
 * and doubled quotes ({@code ""}); records end with LF, CRLF or CR. A leading byte-order mark is skipped; lines with
 * nothing on them are skipped rather than read as a record with one empty field.
 *
 * <p>Hand-written because core may depend on nothing beyond Jackson's annotations (see ARCHITECTURE.md); the
 * grammar is small enough that a library would bring more risk than it removes. It reads one character at a time
 * through its own buffer, so memory stays flat however large the file.
 *
 * <p>Malformed records (text after a closing quote) throw a {@link CsvFormatException} after the reader has moved
 * to the start of the next line, so a caller may report the record and carry on. A quote left open at the end of
 * the input is fatal: everything after it was swallowed into one field.
 */
public final class CsvReader implements Closeable {
    private static final int END = -1;

    private final Reader in;
    private final String sourceName;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private int pushedBack = Integer.MIN_VALUE;
    private long line = 1;
    private long recordLine;
    private boolean started;

    /**
     * @param in         the characters to read; closed by {@link #close()}
     * @param sourceName how messages name the input, e.g. the file name
     */
    public CsvReader(Reader in, String sourceName) {
        this.in = java.util.Objects.requireNonNull(in, "in");
        this.sourceName = java.util.Objects.requireNonNull(sourceName, "sourceName");
    }

    /** The line (1-based) on which the record last returned, or last rejected, started. */
    public long recordLine() {
        return recordLine;
    }

    /** The line (1-based) the reader has reached. */
    public long line() {
        return line;
    }

    public String sourceName() {
        return sourceName;
    }

    /**
     * Reads the next record.
     *
     * @return its fields, or {@code null} at the end of the input
     * @throws CsvFormatException if the record is malformed; see the class comment for which are recoverable
     */
    public List<String> readRecord() throws IOException {
        if (!started) {
            started = true;
            int first = read();
            if (first != '\uFEFF') {
                unread(first);
            }
        }
        int c = read();
        while (c == '\n' || c == '\r') {
            consumeLineBreak(c);
            c = read();
        }
        if (c == END) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.length() == 0) {
                c = readQuoted(field, fields);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                c = read();
            } else if (c == '\n' || c == '\r' || c == END) {
                if (c != END) {
                    consumeLineBreak(c);
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
                c = read();
            }
        }
    }

    /** Reads a quoted field's content into {@code field}; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field, List<String> fieldsSoFar) throws IOException {
        long openedOn = line;
        while (true) {
            int c = read();
            if (c == END) {
                throw new CsvFormatException(sourceName, openedOn, "a quoted field opened on line " + openedOn
                        + " is never closed; the rest of the input was read into it", fieldsSoFar, false);
            }
            if (c == '"') {
                int next = read();
                if (next == '"') {
                    field.append('"');
                    continue;
                }
                if (next == ',' || next == '\n' || next == '\r' || next == END) {
                    return next;
                }
                List<String> partial = new ArrayList<>(fieldsSoFar);
                partial.add(field.toString());
                skipRestOfLine(next);
                throw new CsvFormatException(sourceName, recordLine, "text after the closing quote of field "
                        + (fieldsSoFar.size() + 1) + ": '" + (char) next + "' (a quote inside a quoted field"
                        + " must be doubled)", partial, true);
            }
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                int next = read();
                if (next != '\n') {
                    unread(next);
                }
                line++;
                field.append('\r');
                if (next == '\n') {
                    field.append('\n');
                }
                continue;
            }
            field.append((char) c);
        }
    }

    private void skipRestOfLine(int c) throws IOException {
        while (c != '\n' && c != '\r' && c != END) {
            c = read();
        }
        if (c != END) {
            consumeLineBreak(c);
        }
    }

    /** Consumes the rest of a line break that started with {@code c} (CR, LF or CRLF). */
    private void consumeLineBreak(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                unread(next);
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return END;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
