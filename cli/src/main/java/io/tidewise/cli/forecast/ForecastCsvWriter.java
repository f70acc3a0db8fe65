package io.tidewise.cli.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.CsvWriter;
import io.tidewise.core.csv.LongCsvWriter;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesTime;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the {@code forecast} command's output, a contract other tools read: header
 * {@code series_id,step,timestamp,mean,p10,...,p90} (one column per requested quantile, named by
 * {@link QuantileLevels#columnName}), then one row per series and step {@code 1..H}. The timestamp continues the
 * series' frequency in the kind the input used (ISO date or ISO instant); it is empty for step indices.
 */
public final class ForecastCsvWriter {
    private ForecastCsvWriter() {}

    public static List<String> header(QuantileLevels levels) {
        List<String> header = new ArrayList<>(List.of("series_id", "step", "timestamp", "mean"));
        for (int i = 0; i < levels.size(); i++) {
            header.add(levels.columnName(i));
        }
        return header;
    }

    /**
     * @param history   the input series, in output order
     * @param forecasts one per series, in the same order
     * @return the number of rows written
     */
    public static long write(Writer out, List<SeriesData> history, List<Forecast> forecasts, QuantileLevels levels)
            throws IOException {
        if (history.size() != forecasts.size()) {
            throw new IllegalArgumentException("forecasts must be one per series (" + history.size() + "), were "
                    + forecasts.size());
        }
        CsvWriter csv = new CsvWriter(out);
        csv.writeRecord(header(levels));
        long rows = 0;
        String[] record = new String[4 + levels.size()];
        for (int s = 0; s < history.size(); s++) {
            SeriesData series = history.get(s);
            Forecast forecast = forecasts.get(s);
            if (!forecast.series().equals(series.series())) {
                throw new IllegalArgumentException("forecast " + s + " is for series '" + forecast.series()
                        + "' but the series in that place is '" + series.series() + "'");
            }
            for (ForecastStep step : forecast.steps()) {
                record[0] = series.series().value();
                record[1] = Integer.toString(step.step());
                record[2] = targetTime(series, step.step()).map(SeriesTime::format).orElse("");
                record[3] = LongCsvWriter.formatValue(step.mean());
                for (int q = 0; q < levels.size(); q++) {
                    record[4 + q] = LongCsvWriter.formatValue(step.quantile(q));
                }
                csv.writeRecord(record);
                rows++;
            }
        }
        csv.flush();
        return rows;
    }

    /** The time {@code step} periods after the series' last time; empty without a calendar or a frequency. */
    public static Optional<SeriesTime> targetTime(SeriesData series, int step) {
        if (!series.timeKind().hasCalendar() || series.frequency().isEmpty()) {
            return Optional.empty();
        }
        Frequency frequency = series.frequency().get();
        return Optional.of(SeriesTime.of(series.timeKind(), frequency.add(series.lastTime().instant(), step)));
    }
}
