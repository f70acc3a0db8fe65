package io.tidewise.training.data;

import io.tidewise.core.csv.CsvReader;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.LongCsvRowReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series of one long CSV of the data folder as values only. {@link LongCsvReader} reads calendar and step
 * timestamps; series whose timestamps are R decimal time ({@code 2005.019231}: surveillance counts, EuStockMarkets,
 * jewelry...) or year-months ({@code 1920-01}, or {@code 1-01} for year 1 of the shampoo sales) it rejects, and so
 * are ids with surrounding blanks (fpp2's {@code prison} series); those are read here in file order, which the data
 * folder's README guarantees is time order, under the stripped id. Any other rejected series is left out with a
 * warning.
 */
public final class SeriesFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesFiles.class);
    /** A plain decimal timestamp (R decimal time or a fractional step) or a year-month. */
    private static final Pattern DECIMAL_TIME = Pattern.compile("-?\\d+\\.\\d+|\\d{1,4}-\\d{2}");

    private SeriesFiles() {}

    /** One series: its id and its values oldest first, NaN where missing. */
    public record SeriesValues(String id, double[] values) {}

    /** Every series of {@code file}, in the order the file lists them. */
    public static List<SeriesValues> read(Path file) throws IOException {
        LongCsvContent content = LongCsvReader.read(file);
        Set<String> decimalTime = new HashSet<>();
        Set<String> warned = new HashSet<>();
        for (SeriesProblem problem : content.problems()) {
            if (problem.series() != null && LongCsvRowReader.TIMESTAMP.equals(problem.field())
                    && problem.value() != null && DECIMAL_TIME.matcher(problem.value()).matches()) {
                decimalTime.add(problem.series().value());
            } else if (problem.series() == null && LongCsvRowReader.SERIES_ID.equals(problem.field())
                    && problem.value() != null && !problem.value().isBlank()) {
                decimalTime.add(problem.value()); // an id with surrounding blanks: one problem per row
            } else if (warned.add(String.valueOf(problem.series()))) {
                LOG.warn("{}: series skipped: {}", file.getFileName(), problem);
            }
        }
        Map<String, double[]> rescued = decimalTime.isEmpty() ? Map.of() : readInFileOrder(file, decimalTime);
        Map<String, SeriesValues> byId = new LinkedHashMap<>();
        for (SeriesData data : content.series()) {
            byId.put(data.series().value(), new SeriesValues(data.series().value(), data.values()));
        }
        rescued.forEach((id, values) -> {
            if (byId.putIfAbsent(id.strip(), new SeriesValues(id.strip(), values)) != null) {
                LOG.warn("{}: series '{}' skipped: its stripped id repeats another series", file.getFileName(), id);
            }
        });
        return List.copyOf(byId.values());
    }

    /** The series of {@code file} as a map by id. */
    public static Map<String, SeriesValues> readById(Path file) throws IOException {
        Map<String, SeriesValues> byId = new HashMap<>();
        for (SeriesValues series : read(file)) {
            byId.put(series.id(), series);
        }
        return byId;
    }

    private static Map<String, double[]> readInFileOrder(Path file, Set<String> wanted) throws IOException {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        try (CsvReader csv = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                file.getFileName().toString())) {
            List<String> header = csv.readRecord();
            int series = header.indexOf(LongCsvRowReader.SERIES_ID);
            int value = header.indexOf(LongCsvRowReader.VALUE);
            for (List<String> record = csv.readRecord(); record != null; record = csv.readRecord()) {
                if (record.size() != header.size() || !wanted.contains(record.get(series))) {
                    continue;
                }
                String text = record.get(value).strip();
                double number;
                try {
                    number = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    number = Double.NaN;
                }
                values.computeIfAbsent(record.get(series), id -> new ArrayList<>()).add(number);
            }
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        values.forEach((id, list) -> arrays.put(id, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return arrays;
    }
}
