package io.tidewise.core.csv;

import io.tidewise.core.SeriesId;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole long CSV ({@code series_id,timestamp,value}) into per-series data. Rows may come in any order,
 * series interleaved and unsorted; each series is sorted by time. A bad line rejects its series, not the file: the
 * other series are kept, and the rejected one is reported with the file, line, field and value at fault. A
 * series is also rejected when it mixes kinds of timestamps, repeats a timestamp, or has no value at all.
 *
 * <p>The file is streamed (see {@link LongCsvRowReader}); memory holds the values, not the text.
 */
public final class LongCsvReader {
    private LongCsvReader() {}

    /**
     * @throws CsvFormatException if the file as a whole is unusable: empty, a header that is not the long layout's,
     *                            or a quote never closed
     */
    public static LongCsvContent read(Path file) throws IOException {
        try (LongCsvRowReader rows = LongCsvRowReader.open(file)) {
            return read(rows);
        }
    }

    /** Reads from {@code reader}, naming it {@code sourceName} in messages; closes it. */
    public static LongCsvContent read(Reader reader, String sourceName) throws IOException {
        try (LongCsvRowReader rows = new LongCsvRowReader(reader, sourceName)) {
            return read(rows);
        }
    }

    private static LongCsvContent read(LongCsvRowReader rows) throws IOException {
        Map<SeriesId, SeriesBuilder> builders = new LinkedHashMap<>();
        List<SeriesProblem> unattributed = new ArrayList<>();
        while (true) {
            LongCsvRow row;
            try {
                row = rows.next();
            } catch (LongCsvRowException e) {
                if (e.series() == null) {
                    unattributed.add(e.toProblem());
                } else {
                    builders.computeIfAbsent(e.series(), SeriesBuilder::new).reject(e.toProblem());
                }
                continue;
            }
            if (row == null) {
                break;
            }
            builders.computeIfAbsent(row.series(), SeriesBuilder::new).add(row, rows.sourceName());
        }
        List<SeriesData> series = new ArrayList<>();
        List<SeriesProblem> problems = new ArrayList<>();
        for (SeriesBuilder builder : builders.values()) {
            builder.build(rows.sourceName());
            if (builder.problem != null) {
                problems.add(builder.problem.withFurtherErrors(builder.furtherErrors));
            } else {
                series.add(builder.data);
            }
        }
        problems.addAll(unattributed);
        if (series.isEmpty() && problems.isEmpty()) {
            throw new CsvFormatException(rows.sourceName(), 2, "the input has a header but no rows");
        }
        return new LongCsvContent(rows.sourceName(), series, problems);
    }

    /** Collects one series' rows; once rejected it keeps only a count of further errors. */
    private static final class SeriesBuilder {
        private final SeriesId series;
        private SeriesTime[] times = new SeriesTime[16];
        private double[] values = new double[16];
        private long[] lines = new long[16];
        private int size;
        private SeriesProblem problem;
        private int furtherErrors;
        private SeriesData data;

        SeriesBuilder(SeriesId series) {
            this.series = series;
        }

        void reject(SeriesProblem reason) {
            if (problem == null) {
                problem = reason;
                times = null;
                values = null;
                lines = null;
            } else {
                furtherErrors++;
            }
        }

        void add(LongCsvRow row, String sourceName) {
            if (problem != null) {
                return;
            }
            if (size > 0 && times[0].kind() != row.time().kind()) {
                reject(new SeriesProblem(series, sourceName, row.line(), LongCsvRowReader.TIMESTAMP,
                        row.time().format(), sourceName + ":" + row.line() + ": timestamp of series '" + series
                        + "' is " + row.time().kind().description() + ", but its first row (line " + lines[0]
                        + ") used " + times[0].kind().description() + "; one kind per series, was '"
                        + row.time().format() + "'", 0));
                return;
            }
            if (size == values.length) {
                int capacity = size * 2;
                times = Arrays.copyOf(times, capacity);
                values = Arrays.copyOf(values, capacity);
                lines = Arrays.copyOf(lines, capacity);
            }
            times[size] = row.time();
            values[size] = row.value();
            lines[size] = row.line();
            size++;
        }

        void build(String sourceName) {
            if (problem != null) {
                return;
            }
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            // Stable on equal times, so the later line of a duplicate pair is the one reported.
            Arrays.sort(order, (a, b) -> times[a].compareTo(times[b]));
            List<SeriesTime> sortedTimes = new ArrayList<>(size);
            double[] sortedValues = new double[size];
            boolean anyValue = false;
            for (int i = 0; i < size; i++) {
                int at = order[i];
                if (i > 0 && times[at].compareTo(times[order[i - 1]]) == 0) {
                    reject(new SeriesProblem(series, sourceName, lines[at], LongCsvRowReader.TIMESTAMP,
                            times[at].format(), sourceName + ":" + lines[at] + ": timestamp of series '" + series
                            + "' repeats one already on line " + lines[order[i - 1]] + ", was '" + times[at].format()
                            + "'", 0));
                    return;
                }
                sortedTimes.add(times[at]);
                sortedValues[i] = values[at];
                anyValue |= !Double.isNaN(values[at]);
            }
            if (!anyValue) {
                reject(new SeriesProblem(series, sourceName, lines[0], "series", series.value(), sourceName + ":"
                        + lines[0] + ": series '" + series + "' is empty: all " + size + " of its values are missing",
                        0));
                return;
            }
            data = new SeriesData(series, sortedTimes, sortedValues);
        }
    }
}
