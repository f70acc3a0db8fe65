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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** InfluxDB goes away mid-write and comes back: the writer blocks, retries, and loses and duplicates nothing. */
class WriterOutageTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterEach
    void serverRunsAgain() throws Exception {
        INFLUX.start();
    }

    private static List<Observation> observations(SeriesId series, int count) {
        List<Observation> observations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            observations.add(new Observation(series, T0.plusSeconds(60L * i), i * 0.5 - 17, Domain.STOCK));
        }
        return observations;
    }

    @ParameterizedTest(name = "server {0} mid-write")
    @ValueSource(strings = {"stopped", "killed"})
    void aWriterBlocksWhileInfluxIsAwayAndLosesNothingOnceItIsBack(String outage) throws Exception {
        SeriesId series = SeriesId.of("stock/OUTAGE/" + outage);
        List<Observation> expected = observations(series, 2000);
        InfluxSettings settings = INFLUX.freshSettings().optBatchSize(50).optFlushInterval(Duration.ofMillis(100))
                .build();
        AtomicInteger accepted = new AtomicInteger();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                try {
                    for (Observation observation : expected) {
                        writer.write(observation);
                        accepted.incrementAndGet();
                        Thread.sleep(1); // a stream (>= 2 s), not one burst: the outage must land mid-write
                    }
                    writer.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("producer interrupted", e);
                }
            });
            await("500 points written before the outage", () -> writer.stats().pointsWritten() >= 500);
            if (outage.equals("killed")) {
                INFLUX.kill();
            } else {
                INFLUX.stop();
            }
            await("the writer to retry", () -> writer.stats().retries() >= 3);
            int acceptedDuringOutage = accepted.get();
            Thread.sleep(1000);
            assertThat(accepted.get()).as("points accepted while InfluxDB is away").isEqualTo(acceptedDuringOutage);
            assertThat(acceptedDuringOutage).isLessThan(expected.size());
            assertThat(producer).isNotDone();

            INFLUX.start();
            producer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
            WriterStats stats = writer.stats();
            assertThat(stats.pointsWritten()).isEqualTo(expected.size());
            assertThat(stats.pointsRejected()).isZero();
            assertThat(stats.pointsBuffered()).isZero();
        }
    }

    @Test
    void aFrozenServerTimesRequestsOutAndTheWriterRetriesUntilItAnswers() throws Exception {
        SeriesId series = SeriesId.of("stock/FROZEN/close");
        List<Observation> expected = observations(series, 200);
        InfluxSettings settings = INFLUX.freshSettings()
                .optFlushInterval(Duration.ofMinutes(10))
                .optRequestTimeout(Duration.ofMillis(500))
                .build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writer.writeObservations(expected.subList(0, 100));
            writer.flush();
            INFLUX.freeze();
            try {
                writer.writeObservations(expected.subList(100, 200));
                CompletableFuture<Void> flushing = CompletableFuture.runAsync(() -> {
                    try {
                        writer.flush();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("flush interrupted", e);
                    }
                });
                await("the writer to time out and retry", () -> writer.stats().retries() >= 2);
                assertThat(flushing).isNotDone();
                INFLUX.thaw();
                flushing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } finally {
                INFLUX.thaw();
            }
            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
            assertThat(writer.stats().pointsWritten()).isEqualTo(200);
        }
    }

    @Test
    void aPolicyThatGivesUpThrowsButKeepsThePointsForTheNextFlush() throws Exception {
        SeriesId series = SeriesId.of("stock/GIVEUP/close");
        List<Observation> expected = observations(series, 30);
        InfluxSettings settings = INFLUX.freshSettings()
                .optFlushInterval(Duration.ofMinutes(10))
                .optRetryPolicy(RetryPolicy.builder()
                        .optInitialBackoff(Duration.ofMillis(20))
                        .optMaxBackoff(Duration.ofMillis(100))
                        .optGiveUpAfter(Duration.ofMillis(400))
                        .build())
                .build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writer.writeObservations(expected.subList(0, 10));
            writer.flush();
            INFLUX.stop();
            writer.writeObservations(expected.subList(10, 30));
            assertThatThrownBy(writer::flush)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("writing 20 points failed against " + settings.url());
            assertThat(writer.stats().pointsBuffered()).isEqualTo(20);

            INFLUX.start();
            writer.flush();
            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aBlockedFlushEndsOnInterruptWithThePointsStillBuffered() throws Exception {
        SeriesId series = SeriesId.of("stock/INTERRUPT/close");
        List<Observation> expected = observations(series, 5);
        InfluxSettings settings = INFLUX.freshSettings().optFlushInterval(Duration.ofMinutes(10)).build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            INFLUX.stop();
            writer.writeObservations(expected);
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread flusher = new Thread(() -> {
                try {
                    writer.flush();
                } catch (Throwable e) {
                    ended.set(e);
                }
            });
            flusher.start();
            await("the flush to retry", () -> writer.stats().retries() >= 2);
            assertThat(flusher.isAlive()).isTrue();
            flusher.interrupt();
            flusher.join(PATIENCE.toMillis());
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
            assertThat(writer.stats().pointsBuffered()).isEqualTo(5);

            INFLUX.start();
            writer.flush();
            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void connectWaitsForAServerThatIsStillStarting() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        INFLUX.stop();
        CompletableFuture<InfluxStore> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return InfluxStore.connect(settings);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertThat(connecting).isNotDone();
        INFLUX.start();
        try (InfluxStore store = connecting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            assertThat(store.isReachable()).isTrue();
            assertThat(store.queries().series()).isEmpty();
        }
    }

    @Test
    void aDatabaseDroppedUnderARunningWriterIsCreatedAgain() throws Exception {
        SeriesId series = SeriesId.of("stock/DROPPED/close");
        InfluxSettings settings = INFLUX.freshSettings().build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writer.write(new Observation(series, T0, 1, Domain.STOCK));
            writer.flush();
            try (InfluxDB admin = InfluxDBFactory.connect(settings.url())) {
                admin.query(new Query("DROP DATABASE " + InfluxQl.identifier(settings.database())));
            }
            writer.write(new Observation(series, T0.plusSeconds(1), 2, Domain.STOCK));
            writer.flush();
            assertThat(store.queries().history(series))
                    .containsExactly(new Observation(series, T0.plusSeconds(1), 2, Domain.STOCK));
        }
    }

    @Test
    void aRefusedBatchIsReportedAndTakenOutOfTheBuffer() throws Exception {
        SeriesId series = SeriesId.of("stock/CONFLICT/close");
        InfluxSettings settings = INFLUX.freshSettings().build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            // Someone else stored "value" as a string in the same shard: InfluxDB refuses our floats for good.
            try (InfluxDB other = InfluxDBFactory.connect(settings.url())) {
                other.write(settings.database(), "", InfluxDB.ConsistencyLevel.ONE,
                        "observation,domain=stock,series=stock/CONFLICT/close value=\"text\" "
                                + InfluxSchema.epochNanos(T0.minusSeconds(60), "time"));
            }
            writer.write(new Observation(series, T0, 1, Domain.STOCK));
            assertThatThrownBy(writer::flush)
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("InfluxDB refused a batch of 1 points")
                    .hasMessageContaining("field type conflict");
            assertThat(writer.stats()).isEqualTo(new WriterStats(0, 0, 0, 1, 0));
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + PATIENCE + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
