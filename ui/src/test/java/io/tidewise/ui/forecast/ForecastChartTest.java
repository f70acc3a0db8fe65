package io.tidewise.ui.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import io.tidewise.store.StoredForecast;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastChartTest {
    private static final SeriesId SERIES = SeriesId.of("s");
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final ChartLabels LABELS = new ChartLabels("H", "R", "M", "B80", "B60", "A");

    @Test
    void observationsOutsideTheBandOfTheirForecastAreAnomalies() {
        ForecastTrack track = track();
        List<Observation> observed = List.of(observation(1, 10), observation(2, 30), observation(3, 5));
        assertThat(BandCheck.outsideBand(observed, track)).extracting(Observation::value).containsExactly(30.0, 5.0);
    }

    @Test
    void theChartSplitsHistoryFromRealizedAndDrawsTheBandsAsEdgesAndWidths() throws Exception {
        List<Observation> observed = List.of(observation(0, 9), observation(1, 10), observation(2, 30));
        StoredForecast latest = new StoredForecast("m@1", T0, new Forecast(SERIES, QuantileLevels.DECILES,
                List.of(new ForecastStep(1, T0.plusSeconds(3600), 10, quantiles(10)))));
        ForecastChartData data = new ForecastChartData(SERIES, "m@1", observed, Optional.of(track()),
                Optional.of(latest), BandCheck.outsideBand(observed, track()));
        JsonNode options = new ObjectMapper().readTree(ForecastChart.options(data, LABELS));
        assertThat(data(options, "history")).hasSize(1);
        assertThat(data(options, "realized")).hasSize(2);
        assertThat(data(options, "p10").get(0).get(1).asDouble()).isEqualTo(6.0);
        assertThat(data(options, "band80").get(0).get(1).asDouble()).isEqualTo(8.0);
        assertThat(data(options, "p80").get(0).get(1).asDouble()).isEqualTo(13.0);
        assertThat(data(options, "median").get(1).get(1).asDouble()).isEqualTo(10.0);
        assertThat(data(options, "anomalies").get(0).get(1).asDouble()).isEqualTo(30.0);
        assertThat(options.path("legend").path("data").toString()).contains("B80").doesNotContain("p10");
    }

    @Test
    void accuracyOverTimeSitsBesideSeasonalNaiveAndTheCoverageTargetWithGapsAsNulls() throws Exception {
        JsonNode options = new ObjectMapper().readTree(ForecastChart.accuracyOptions(List.of(
                new io.tidewise.store.AccuracyBucket(T0, 3, 0.8, 0.5),
                new io.tidewise.store.AccuracyBucket(T0.plusSeconds(60), 1, Double.NaN, 1.0)), "M", "N", "C", "T"));
        assertThat(data(options, "mase").get(0).get(1).asDouble()).isEqualTo(0.8);
        assertThat(data(options, "mase").get(1).get(1).isNull()).isTrue();
        assertThat(data(options, "naive").get(1).get(1).asDouble()).isEqualTo(1.0);
        assertThat(data(options, "coverage").get(0).get(1).asDouble()).isEqualTo(50.0);
        assertThat(data(options, "target").get(0).get(1).asDouble()).isEqualTo(80.0);
    }

    @Test
    void csvFollowsTheForecastContractLayout() {
        Forecast forecast = new Forecast(SeriesId.of("a,b"), QuantileLevels.DECILES,
                List.of(new ForecastStep(1, T0, 1.5, quantiles(1.5))));
        assertThat(ForecastCsv.write(forecast)).isEqualTo(
                "series_id,step,timestamp,mean,p10,p20,p30,p40,p50,p60,p70,p80,p90\n"
                        + "\"a,b\",1,2024-01-01T00:00:00Z,1.5,-2.5,-1.5,-0.5,0.5,1.5,2.5,3.5,4.5,5.5\n");
    }

    private static ForecastTrack track() {
        return new ForecastTrack(SERIES, "m@1", QuantileLevels.DECILES, List.of(
                new ForecastValue(T0.plusSeconds(3600), 1, T0, 10, quantiles(10)),
                new ForecastValue(T0.plusSeconds(7200), 2, T0, 10, quantiles(10)),
                new ForecastValue(T0.plusSeconds(10800), 3, T0, 10, quantiles(10))));
    }

    /** p10..p90 of a fan around {@code median}: median - 4 ... median + 4. */
    private static double[] quantiles(double median) {
        double[] quantiles = new double[9];
        for (int q = 0; q < 9; q++) {
            quantiles[q] = median - 4 + q;
        }
        return quantiles;
    }

    private static Observation observation(int hour, double value) {
        return new Observation(SERIES, T0.plusSeconds(3600L * hour), value, Domain.OTHER);
    }

    private static JsonNode data(JsonNode options, String id) {
        for (JsonNode series : options.path("series")) {
            if (id.equals(series.path("id").asText())) {
                return series.path("data");
            }
        }
        throw new AssertionError("no series " + id);
    }
}
