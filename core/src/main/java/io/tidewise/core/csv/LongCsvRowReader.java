package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a long CSV ({@code series_id,timestamp,value}, columns in any order) one observation at a time, for inputs
 * too large to hold or that are replayed as they are read. Each row is checked on its own (series id, timestamp
 * syntax, number syntax, shape); checks that need a whole series (sorting, duplicates, one time kind) are
 * {@link LongCsvReader}'s.
 *
 * <p>A value is missing when its field is empty or holds one of the spellings spreadsheets, R and pandas write for
 * a missing value ({@link #MISSING_SPELLINGS}, in any case). The input must be UTF-8 text (a leading byte-order
 * mark is skipped); other bytes end reading with a {@link CsvFormatException} that names the line and, for a file,
 * the byte offset.
 */
public final class LongCsvRowReader implements Closeable {
    public static final String SERIES_ID = "series_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String VALUE = "value";
    public static final List<String> HEADER = List.of(SERIES_ID, TIMESTAMP, VALUE);

    /** Plain decimal numbers; Java's own parser would also take {@code 1d}, {@code 0x1p3} and {@code Infinity}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /**
     * Values that mean "missing" (compared lower-case): {@code NaN} (pandas, Java), {@code NA} (R), {@code N/A} and
     * {@code #N/A} (spreadsheets), {@code null} and {@code None} (JSON and Python exports).
     */
    public static final Set<String> MISSING_SPELLINGS = Set.of("nan", "na", "n/a", "#n/a", "null", "none");
    /** Ids seen so far, so that a series' id is validated once rather than on each of its rows. */
    private final Map<String, SeriesId> seriesIds = new HashMap<>();

    private final CsvReader csv;
    /** The file read, to find the byte offset of text that is not UTF-8; null when reading from a Reader. */
    private final Path file;
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
            return new LongCsvRowReader(reader, file.toString(), file);
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
        this(reader, sourceName, null);
    }

    private LongCsvRowReader(Reader reader, String sourceName, Path file) throws IOException {
        this.csv = new CsvReader(reader, sourceName);
        this.file = file;
        List<String> header = readRecord();
        if (header == null) {
            throw new CsvFormatException(sourceName, 1, "the input is empty; expected the header "
                    + String.join(",", HEADER));
        }
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            // Spreadsheets' "CSV UTF-8" starts with a byte-order mark; it is no part of the first column's name.
            header = new java.util.ArrayList<>(header);
            header.set(0, header.get(0).substring(1));
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
            fields = readRecord();
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
            if (MISSING_SPELLINGS.contains(text.toLowerCase(Locale.ROOT))) {
                return Double.NaN;
            }
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

    /** The next record; bytes that are not UTF-8 become a {@link CsvFormatException} naming where they are. */
    private List<String> readRecord() throws IOException {
        try {
            return csv.readRecord();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private CsvFormatException notUtf8() throws IOException {
        if (file == null) {
            return new CsvFormatException(sourceName(), csv.line(), "the input is not UTF-8 text (a byte on this line"
                    + " cannot be decoded); save it as UTF-8");
        }
        BadByte bad = firstBadByte(file);
        if (bad == null) {
            return new CsvFormatException(sourceName(), csv.line(), "the input is not UTF-8 text; save it as UTF-8");
        }
        String utf16 = bad.offset() == 0 && (bad.value() == 0xFF || bad.value() == 0xFE)
                ? " (it starts with a UTF-16 byte-order mark: saved as \"Unicode text\"?)" : "";
        return new CsvFormatException(sourceName(), bad.line(), String.format(Locale.ROOT,
                "the input is not UTF-8 text: byte 0x%02X at byte offset %d cannot be decoded%s; save it as UTF-8"
                        + " (a spreadsheet's \"CSV UTF-8\"), or is it a CSV file at all?",
                bad.value(), bad.offset(), utf16));
    }

    /** Where a byte that is not UTF-8 first occurs: its 0-based offset, its line (1-based) and its value. */
    private record BadByte(long offset, long line, int value) {}

    /** Decodes {@code file} as UTF-8 until the first undecodable byte; null when all of it decodes. */
    private static BadByte firstBadByte(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16); // UTF-8 never decodes to more chars than bytes: no overflow
        long decoded = 0;
        long line = 1;
        boolean end = false;
        try (InputStream stream = Files.newInputStream(file)) {
            while (true) {
                int read = stream.read(in.array(), in.position(), in.remaining());
                if (read < 0) {
                    end = true;
                } else {
                    in.position(in.position() + read);
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, end);
                decoded += in.position() - before;
                out.flip();
                while (out.hasRemaining()) {
                    if (out.get() == '\n') {
                        line++;
                    }
                }
                out.clear();
                if (result.isError()) {
                    return new BadByte(decoded, line, in.get(in.position()) & 0xFF);
                }
                if (end) {
                    return null;
                }
                in.compact();
            }
        }
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
