package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObservationStoreTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    @Test
    void connectCreatesTheDatabaseAndConnectingAgainKeepsItsData() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        SeriesId series = SeriesId.of("stock/AAPL/close");
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            assertThat(store.isReachable()).isTrue();
            writer.write(new Observation(series, T0, 185.31, Domain.STOCK));
        }
        try (InfluxStore again = InfluxStore.connect(settings)) {
            assertThat(again.queries().history(series))
                    .containsExactly(new Observation(series, T0, 185.31, Domain.STOCK));
        }
    }

    @Test
    void observationsRoundTripWithExactValuesTagsAndNanosecondTimes() throws Exception {
        SeriesId series = SeriesId.of("economy/US/cpi");
        Random random = new Random(42);
        List<Observation> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            // Doubles over many magnitudes, both signs, plus sub-millisecond times: nothing may be rounded.
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15);
            Instant time = T0.plusSeconds(3600L * i).plusNanos(random.nextInt(1_000_000_000));
            written.add(new Observation(series, time, value, Domain.ECONOMY));
        }
        written.add(new Observation(series, T0.minusSeconds(1), Double.MIN_VALUE, Domain.ECONOMY));
        written.add(new Observation(series, T0.minusSeconds(2), -Double.MAX_VALUE, Domain.ECONOMY));
        written.add(new Observation(series, T0.minusSeconds(3), 0.1 + 0.2, Domain.ECONOMY));
        written.add(new Observation(series, T0.minusSeconds(4), 3.0, Domain.ECONOMY));
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.writeObservations(written);
            }
            List<Observation> read = store.queries().history(series);
            assertThat(read).containsExactlyElementsOf(
                    written.stream().sorted((a, b) -> a.timestamp().compareTo(b.timestamp())).toList());
        }
    }

    @Test
    void historyIncludesFromAndExcludesToAndOtherSeries() throws Exception {
        SeriesId traffic = SeriesId.of("traffic/I-94/volume");
        SeriesId other = SeriesId.of("traffic/I-95/volume");
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                for (int hour = 0; hour < 10; hour++) {
                    writer.write(new Observation(traffic, T0.plusSeconds(3600L * hour), hour, Domain.TRAFFIC));
                    writer.write(new Observation(other, T0.plusSeconds(3600L * hour), -hour, Domain.TRAFFIC));
                }
            }
            List<Observation> read = store.queries().history(traffic, T0.plusSeconds(3600 * 2), T0.plusSeconds(3600 * 5));
            assertThat(read).extracting(Observation::value).containsExactly(2.0, 3.0, 4.0);
            assertThat(read).extracting(Observation::series).containsOnly(traffic);
            assertThat(store.queries().history(traffic, T0.plusSeconds(3600 * 10), T0.plusSeconds(3600 * 20))).isEmpty();
            assertThatThrownBy(() -> store.queries().history(traffic, T0, T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("from must be before to");
        }
    }

    @Test
    void rewritingAnObservationOverwritesItInsteadOfDuplicatingIt() throws Exception {
        SeriesId series = SeriesId.of("stock/MSFT/close");
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.write(new Observation(series, T0, 1.0, Domain.STOCK));
                writer.flush();
                writer.write(new Observation(series, T0, 2.0, Domain.STOCK));
            }
            assertThat(store.queries().history(series)).containsExactly(new Observation(series, T0, 2.0, Domain.STOCK));
        }
    }

    @Test
    void seriesListsEachSeriesWithItsDomainAndLatestObservation() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            assertThat(store.queries().series()).isEmpty();
            try (InfluxWriter writer = store.openWriter()) {
                for (int day = 0; day < 5; day++) {
                    writer.write(new Observation(SeriesId.of("stock/AAPL/close"), T0.plus(Duration.ofDays(day)),
                            100 + day, Domain.STOCK));
                    writer.write(new Observation(SeriesId.of("economy/US/gdp"), T0.plus(Duration.ofDays(day * 2)),
                            20_000.5 + day, Domain.ECONOMY));
                }
            }
            assertThat(store.queries().series()).containsExactly(
                    new SeriesSummary(SeriesId.of("economy/US/gdp"), Domain.ECONOMY, T0.plus(Duration.ofDays(8)),
                            20_004.5),
                    new SeriesSummary(SeriesId.of("stock/AAPL/close"), Domain.STOCK, T0.plus(Duration.ofDays(4)),
                            104));
        }
    }

    @Test
    void writerFlushesOnItsOwnOnceAPointHasWaitedTheFlushInterval() throws Exception {
        SeriesId series = SeriesId.of("stock/IBM/close");
        InfluxSettings settings = INFLUX.freshSettings().optFlushInterval(Duration.ofMillis(200)).build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writer.write(new Observation(series, T0, 7.5, Domain.STOCK));
            assertThat(writer.stats().pointsBuffered()).isEqualTo(1);
            // The counters move only after InfluxDB acknowledged, so wait on them rather than on the data.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (writer.stats().pointsWritten() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(writer.stats()).isEqualTo(new WriterStats(1, 1, 0, 0, 0));
            assertThat(store.queries().history(series)).hasSize(1);
        }
    }

    @Test
    void aFullBufferIsWrittenInBatchesOfTheConfiguredSize() throws Exception {
        SeriesId series = SeriesId.of("stock/BATCH/close");
        InfluxSettings settings = INFLUX.freshSettings().optBatchSize(100).optFlushInterval(Duration.ofMinutes(10))
                .build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            for (int i = 0; i < 250; i++) {
                writer.write(new Observation(series, T0.plusSeconds(i), i, Domain.STOCK));
            }
            assertThat(writer.stats()).isEqualTo(new WriterStats(200, 2, 0, 0, 50));
            writer.flush();
            assertThat(writer.stats()).isEqualTo(new WriterStats(250, 3, 0, 0, 0));
            assertThat(store.queries().history(series)).hasSize(250);
        }
    }

    @Test
    void severalThreadsCanShareOneWriter() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().optBatchSize(64).optFlushInterval(Duration.ofMillis(20))
                .build();
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (InfluxStore store = InfluxStore.connect(settings)) {
            try (InfluxWriter writer = store.openWriter()) {
                List<CompletableFuture<Void>> producers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SeriesId series = SeriesId.of("stock/T" + t + "/close");
                    producers.add(CompletableFuture.runAsync(() -> {
                        try {
                            for (int i = 0; i < perThread; i++) {
                                writer.write(new Observation(series, T0.plusSeconds(i), i, Domain.STOCK));
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            for (int t = 0; t < threads; t++) {
                List<Observation> history = store.queries().history(SeriesId.of("stock/T" + t + "/close"));
                assertThat(history).hasSize(perThread);
                assertThat(history).extracting(Observation::value)
                        .containsExactlyElementsOf(IntStream.range(0, perThread).asDoubleStream().boxed().toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedWriterRefusesPoints() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            InfluxWriter writer = store.openWriter();
            writer.close();
            writer.close();
            assertThatThrownBy(() -> writer.write(new Observation(SeriesId.of("a"), T0, 1, Domain.OTHER)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is closed");
        }
    }
}
