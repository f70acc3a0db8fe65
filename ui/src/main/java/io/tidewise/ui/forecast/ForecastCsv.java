package io.tidewise.ui.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.CsvWriter;
import io.tidewise.core.csv.LongCsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored forecast as CSV in the layout of the {@code forecast} command's contract (README): header
 * {@code series_id,step,timestamp,mean,p10,...,p90}, one row per step, timestamps as ISO instants.
 */
public final class ForecastCsv {
    private ForecastCsv() {}

    public static String write(Forecast forecast) {
        QuantileLevels levels = forecast.levels();
        StringWriter text = new StringWriter();
        CsvWriter csv = new CsvWriter(text);
        try {
            List<String> header = new ArrayList<>(List.of("series_id", "step", "timestamp", "mean"));
            for (int q = 0; q < levels.size(); q++) {
                header.add(levels.columnName(q));
            }
            csv.writeRecord(header);
            String[] record = new String[4 + levels.size()];
            for (ForecastStep step : forecast.steps()) {
                record[0] = forecast.series().value();
                record[1] = Integer.toString(step.step());
                record[2] = step.timestamp() == null ? "" : step.timestamp().toString();
                record[3] = LongCsvWriter.formatValue(step.mean());
                for (int q = 0; q < levels.size(); q++) {
                    record[4 + q] = LongCsvWriter.formatValue(step.quantile(q));
                }
                csv.writeRecord(record);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory failed", e);
        }
        return text.toString();
    }
}
