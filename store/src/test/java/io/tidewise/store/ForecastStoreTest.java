package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BoundParameterQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForecastStoreTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final SeriesId SERIES = SeriesId.of("stock/AAPL/close");
    private static final String MODEL = "tidewise-gpt@1.0.0";
    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    /** A forecast of {@code horizon} hourly steps after {@code origin}, values offset by {@code base}. */
    private static Forecast forecast(QuantileLevels levels, Instant origin, int horizon, double base) {
        List<ForecastStep> steps = new ArrayList<>();
        for (int step = 1; step <= horizon; step++) {
            double[] quantiles = new double[levels.size()];
            for (int i = 0; i < quantiles.length; i++) {
                quantiles[i] = base + step + (levels.level(i) - 0.5) * step / 3.0;
            }
            steps.add(new ForecastStep(step, origin.plus(Duration.ofHours(step)), base + step + 0.125, quantiles));
        }
        return new Forecast(SERIES, levels, steps);
    }

    @Test
    void aForecastRoundTripsWithEveryStepTargetTimeMeanAndBand() throws Exception {
        Forecast forecast = forecast(QuantileLevels.DECILES, T0, 24, 185.31);
        Instant issuedAt = T0.plusMillis(123);
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeForecast(forecast, MODEL, issuedAt);
            }
            StoredForecast stored = store.queries().latestForecast(SERIES, MODEL).orElseThrow();
            assertThat(stored.model()).isEqualTo(MODEL);
            assertThat(stored.issuedAt()).isEqualTo(issuedAt);
            assertThat(stored.forecast()).isEqualTo(forecast);
            assertThat(store.queries().latestForecast(SERIES, "other@1")).isEmpty();
            assertThat(store.queries().latestForecast(SeriesId.of("stock/NONE/close"), MODEL)).isEmpty();
        }
    }

    @Test
    void aLatestForecastReadWhileItsFirstStepsAreStillBeingWrittenIsReadAgainWhole() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeForecast(forecast(QuantileLevels.DECILES, T0, 12, 100), MODEL, T0);
            }
            // The next forecast, as a reader can meet it mid-write: its later steps stored, its first four not yet.
            Instant next = T0.plus(Duration.ofHours(1));
            Forecast newest = forecast(QuantileLevels.DECILES, next, 12, 200);
            List<String> lines = InfluxSchema.forecastLines(newest, MODEL, next);
            try (InfluxDB client = InfluxDBFactory.connect(store.settings().url())) {
                client.write(store.settings().database(), null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.NANOSECONDS,
                        lines.subList(4, 12));
                Thread rest = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    client.write(store.settings().database(), null, InfluxDB.ConsistencyLevel.ONE,
                            TimeUnit.NANOSECONDS, lines.subList(0, 4));
                });
                rest.start();
                StoredForecast stored = store.queries().latestForecast(SERIES, MODEL).orElseThrow();
                rest.join();
                assertThat(stored.issuedAt()).isEqualTo(next);
                assertThat(stored.forecast().steps()).extracting(ForecastStep::step)
                        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
                assertThat(stored.forecast().steps().get(0).mean()).isEqualTo(201.125);
            }
        }
    }

    @Test
    void aForecastThatStaysTornIsReportedAsStoredInconsistently() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeForecast(forecast(QuantileLevels.DECILES, T0, 12, 100), MODEL, T0);
            }
            Instant next = T0.plus(Duration.ofHours(1));
            List<String> lines = InfluxSchema.forecastLines(forecast(QuantileLevels.DECILES, next, 12, 200), MODEL,
                    next);
            try (InfluxDB client = InfluxDBFactory.connect(store.settings().url())) {
                client.write(store.settings().database(), null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.NANOSECONDS,
                        lines.subList(4, 12));
            }
            assertThatThrownBy(() -> store.queries().latestForecast(SERIES, MODEL))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is stored inconsistently (read " + InfluxQueries.TORN_READ_ATTEMPTS
                            + " times)")
                    .hasMessageContaining("but position 0 holds step 5");
        }
    }

    @Test
    void levelsBeyondDecilesKeepTheirFieldNamesAndOrder() throws Exception {
        QuantileLevels levels = QuantileLevels.parse("0.025,0.05,0.5,0.95,0.975");
        Forecast forecast = forecast(levels, T0, 3, -7.5);
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeForecast(forecast, MODEL, T0);
            }
            StoredForecast stored = store.queries().latestForecast(SERIES, MODEL).orElseThrow();
            assertThat(stored.forecast().levels()).isEqualTo(levels);
            assertThat(stored.forecast()).isEqualTo(forecast);
        }
    }

    @Test
    void reissuingOverwritesTheSameTargetTimesInsteadOfDuplicatingThem() throws Exception {
        // Issued hourly with horizon 6: targets overlap, and each time must hold only the latest forecast for it.
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                for (int issue = 0; issue < 4; issue++) {
                    Instant origin = T0.plus(Duration.ofHours(issue));
                    writer.writeForecast(forecast(QuantileLevels.DECILES, origin, 6, 100 * issue), MODEL,
                            origin.plusSeconds(1));
                }
                // The same issue written twice (a replay after a restart) changes nothing.
                Instant origin = T0.plus(Duration.ofHours(3));
                writer.writeForecast(forecast(QuantileLevels.DECILES, origin, 6, 300), MODEL, origin.plusSeconds(1));
            }
            StoredForecast latest = store.queries().latestForecast(SERIES, MODEL).orElseThrow();
            assertThat(latest.issuedAt()).isEqualTo(T0.plus(Duration.ofHours(3)).plusSeconds(1));
            assertThat(latest.forecast()).isEqualTo(forecast(QuantileLevels.DECILES, T0.plus(Duration.ofHours(3)), 6,
                    300));

            List<Double> steps = storedStepsInTimeOrder(store);
            // Targets T0+1h .. T0+9h, once each; T0+1h..T0+3h last written by issues 0..2 (step 1), the rest by issue 3.
            assertThat(steps).containsExactly(1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        }
    }

    @Test
    void theTrackHoldsAtEachTargetTimeTheLatestForecastMadeForIt() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            List<Forecast> issued = new ArrayList<>();
            try (InfluxWriter writer = store.openWriter()) {
                for (int issue = 0; issue < 3; issue++) {
                    Instant origin = T0.plus(Duration.ofHours(issue));
                    issued.add(forecast(QuantileLevels.DECILES, origin, 4, 100 * issue));
                    writer.writeForecast(issued.get(issue), MODEL, origin);
                }
            }
            // Targets T0+1h..T0+6h: T0+1h from issue 0 (step 1), T0+2h from issue 1 (step 1), the rest from issue 2.
            ForecastTrack track = store.queries()
                    .forecastTrack(SERIES, MODEL, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(6)))
                    .orElseThrow();
            assertThat(track.levels()).isEqualTo(QuantileLevels.DECILES);
            int[][] issueAndStep = {{0, 1}, {1, 1}, {2, 1}, {2, 2}, {2, 3}};
            List<ForecastValue> expected = new ArrayList<>();
            for (int[] pair : issueAndStep) {
                ForecastStep step = issued.get(pair[0]).steps().get(pair[1] - 1);
                expected.add(new ForecastValue(step.timestamp(), pair[1], T0.plus(Duration.ofHours(pair[0])),
                        step.mean(), step.quantiles()));
            }
            assertThat(track.values()).containsExactlyElementsOf(expected);
            assertThat(store.queries().forecastTrack(SERIES, MODEL, T0.plus(Duration.ofDays(1)),
                    T0.plus(Duration.ofDays(2)))).isEmpty();
        }
    }

    /** Every stored forecast point's step, in target-time order, read with the client itself. */
    private static List<Double> storedStepsInTimeOrder(InfluxStore store) {
        BoundParameterQuery query = BoundParameterQuery.QueryBuilder
                .newQuery("SELECT \"step\" FROM \"forecast\" WHERE \"series\" = $series AND \"model\" = $model")
                .forDatabase(store.settings().database())
                .bind("series", SERIES.value())
                .bind("model", MODEL)
                .create();
        try (InfluxDB client = InfluxDBFactory.connect(store.settings().url())) {
            List<List<Object>> rows = client.query(query).getResults().get(0).getSeries().get(0).getValues();
            return rows.stream().map(row -> ((Number) row.get(1)).doubleValue()).toList();
        }
    }

    @Test
    void modelsListsEveryModelWithForecastsForTheSeries() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            assertThat(store.queries().models(SERIES)).isEmpty();
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeForecast(forecast(QuantileLevels.DECILES, T0, 2, 1), "tidewise-gpt@2", T0);
                writer.writeForecast(forecast(QuantileLevels.DECILES, T0, 2, 1), "seasonal-naive@1", T0);
                writer.writeForecast(new Forecast(SeriesId.of("stock/MSFT/close"), QuantileLevels.DECILES,
                        forecast(QuantileLevels.DECILES, T0, 2, 1).steps()), "only-msft@1", T0);
            }
            assertThat(store.queries().models(SERIES)).containsExactly("seasonal-naive@1", "tidewise-gpt@2");
        }
    }

    @Test
    void aStepWithoutATargetTimeOrABadModelIdIsRefusedBeforeAnythingIsBuffered() throws Exception {
        Forecast byIndex = new Forecast(SERIES, QuantileLevels.DECILES,
                List.of(new ForecastStep(1, null, 1, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1})));
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build());
                InfluxWriter writer = store.openWriter()) {
            assertThatThrownBy(() -> writer.writeForecast(byIndex, MODEL, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timestamp of step 1 of the forecast for stock/AAPL/close is required to store it,"
                            + " was null");
            assertThatThrownBy(() -> writer.writeForecast(forecast(QuantileLevels.DECILES, T0, 1, 0), "no-version",
                    T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("model must have the form name@version, was 'no-version'");
            assertThat(writer.stats().pointsBuffered()).isZero();
        }
    }

    @Test
    void accuracyAggregatesPerSeriesAndModel() throws Exception {
        SeriesId other = SeriesId.of("traffic/I-94/volume");
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                // gpt on AAPL: errors 1, 2, 3, 6 ; scaled 0.5, 1, 1.5, 3 ; 3 of 4 inside the band.
                double[] errors = {1, 2, 3, 6};
                for (int i = 0; i < errors.length; i++) {
                    writer.writeAccuracy(new AccuracyRecord(SERIES, MODEL, T0.plus(Duration.ofHours(i)), errors[i],
                            errors[i] / 2, i != 3));
                }
                // naive on AAPL: one record without a defined scale, outside the band.
                writer.writeAccuracy(new AccuracyRecord(SERIES, "naive@1", T0, 10, Double.NaN, false));
                // gpt on the other series, one inside and one outside the time range queried below.
                writer.writeAccuracy(new AccuracyRecord(other, MODEL, T0, 0.5, 0.25, true));
                writer.writeAccuracy(new AccuracyRecord(other, MODEL, T0.plus(Duration.ofDays(2)), 99, 99, false));
            }
            Instant from = T0;
            Instant to = T0.plus(Duration.ofDays(1));
            List<AccuracySummary> all = store.queries().accuracy(from, to);
            assertThat(all).hasSize(3);
            AccuracySummary naive = all.get(0);
            assertThat(naive.series()).isEqualTo(SERIES);
            assertThat(naive.model()).isEqualTo("naive@1");
            assertThat(naive.count()).isEqualTo(1);
            assertThat(naive.meanAbsError()).isEqualTo(10.0);
            assertThat(naive.meanScaledError()).isNaN();
            assertThat(naive.coverage80()).isEqualTo(0.0);
            AccuracySummary gpt = all.get(1);
            assertThat(gpt.series()).isEqualTo(SERIES);
            assertThat(gpt.model()).isEqualTo(MODEL);
            assertThat(gpt.count()).isEqualTo(4);
            assertThat(gpt.meanAbsError()).isCloseTo(3.0, within(1e-12));
            assertThat(gpt.meanScaledError()).isCloseTo(1.5, within(1e-12));
            assertThat(gpt.coverage80()).isCloseTo(0.75, within(1e-12));
            assertThat(all.get(2)).isEqualTo(new AccuracySummary(other, MODEL, 1, 0.5, 0.25, 1.0));

            assertThat(store.queries().accuracy(other, from, to))
                    .containsExactly(new AccuracySummary(other, MODEL, 1, 0.5, 0.25, 1.0));
            assertThat(store.queries().accuracy(other, from, T0.plus(Duration.ofDays(3))))
                    .containsExactly(new AccuracySummary(other, MODEL, 2, 49.75, 49.625, 0.5));
        }
    }
}
