package io.tidewise.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesTime;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCsvWriterTest {
    private static final QuantileLevels LEVELS = QuantileLevels.parse("0.05,0.5,0.975");

    private static Forecast forecast(SeriesData series, int horizon) {
        List<ForecastStep> steps = new ArrayList<>();
        for (int step = 1; step <= horizon; step++) {
            steps.add(new ForecastStep(step, null, step + 0.5, new double[] {step - 1, step, step + 1.25}));
        }
        return new Forecast(series.series(), LEVELS, steps);
    }

    @Test
    void headerFollowsTheRequestedQuantiles() {
        assertThat(ForecastCsvWriter.header(LEVELS)).containsExactly("series_id", "step", "timestamp", "mean", "p5",
                "p50", "p97.5");
        assertThat(String.join(",", ForecastCsvWriter.header(QuantileLevels.DECILES)))
                .isEqualTo("series_id,step,timestamp,mean,p10,p20,p30,p40,p50,p60,p70,p80,p90");
    }

    @Test
    void timestampsContinueEachSeriesInItsOwnKind() throws IOException {
        SeriesData monthly = new SeriesData(SeriesId.of("economy/a,b"), List.of(
                SeriesTime.ofDate(LocalDate.parse("2024-01-01")), SeriesTime.ofDate(LocalDate.parse("2024-02-01")),
                SeriesTime.ofDate(LocalDate.parse("2024-03-01"))), new double[] {1, 2, 3});
        SeriesData hourly = new SeriesData(SeriesId.of("traffic"), List.of(
                SeriesTime.ofInstant(Instant.parse("2024-01-01T22:00:00Z")),
                SeriesTime.ofInstant(Instant.parse("2024-01-01T23:00:00Z"))), new double[] {5, 6});
        SeriesData steps = new SeriesData(SeriesId.of("steps"), List.of(SeriesTime.ofStep(1), SeriesTime.ofStep(2)),
                new double[] {7, 8});
        List<SeriesData> series = List.of(monthly, hourly, steps);
        StringWriter out = new StringWriter();

        long rows = ForecastCsvWriter.write(out, series, series.stream().map(s -> forecast(s, 2)).toList(), LEVELS);

        assertThat(rows).isEqualTo(6);
        assertThat(out.toString()).isEqualTo("""
                series_id,step,timestamp,mean,p5,p50,p97.5
                "economy/a,b",1,2024-04-01,1.5,0,1,2.25
                "economy/a,b",2,2024-05-01,2.5,1,2,3.25
                traffic,1,2024-01-02T00:00:00Z,1.5,0,1,2.25
                traffic,2,2024-01-02T01:00:00Z,2.5,1,2,3.25
                steps,1,,1.5,0,1,2.25
                steps,2,,2.5,1,2,3.25
                """);
    }
}
