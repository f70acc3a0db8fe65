package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import io.tidewise.store.InfluxQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded platform stopped mid-stream and started again on the same data directory - real broker, real
 * {@code influxd}, the job on a MiniCluster, through {@link Platform} as {@code tidewise run} uses it - while the
 * test's own producer keeps sending known hourly prices through Kafka across the restart. InfluxDB then holds what an
 * uninterrupted run of the same records stores: every observation once with its value, and the same forecasts,
 * including those made after the restart from contexts that began before it (keyed state restored, not rebuilt).
 */
class PlatformRestartTest {
    private static final String TOPIC = "restart.ticks";
    private static final String GROUP = "tidewise-streaming";
    private static final List<String> SYMBOLS = List.of("ACME", "INITECH", "UMBRELLA");
    private static final int HOURS = 160;
    private static final int RECORDS = SYMBOLS.size() * HOURS;
    /** The restart comes once at least this many hours were sent (and forecasts and a later checkpoint exist). */
    private static final int HOURS_BEFORE_STOP = 70;
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Frequency HOURLY = Frequency.parse("1h");
    private static final String MODEL = "tiny@1";
    private static final String DEFINITION = """
            name: restart-ticks
            topic: restart.ticks
            format: json
            series: stock/{/symbol}/close
            timestamp:
              field: /ts
              format: epoch_ms
            value: /price
            domain: stock
            frequency: 1h
            horizon: 3
            """;

    @TempDir
    Path dir;

    @Test
    void aPlatformRestartedMidStreamOnItsDataDirectoryStoresExactlyWhatAnUninterruptedRunStores() throws Exception {
        Path streams = Files.createDirectories(dir.resolve("streams"));
        Files.writeString(streams.resolve("restart-ticks.yaml"), DEFINITION);
        Path model = TinyCheckpoint.create(dir.resolve("tiny"));
        Map<SeriesId, double[]> prices = prices();

        Stored uninterrupted;
        try (Platform platform = platform(streams, model, dir.resolve("uninterrupted"), 0).start()) {
            produce(platform.kafkaBootstrap(), prices, 0, HOURS, new AtomicInteger());
            uninterrupted = awaitSettled(platform.queries(), null, Duration.ofSeconds(120));
        }

        Path data = dir.resolve("restarted");
        int kafkaPort = Loopback.freePort();
        AtomicInteger hoursSent = new AtomicInteger();
        Thread producer;
        long committedBeforeStop;
        int hoursAtStop;
        Platform first = platform(streams, model, data, kafkaPort).start();
        try {
            assertThat(first.resumedFrom()).as("a new data directory has nothing to resume from").isEmpty();
            producer = new Thread(() -> produce(first.kafkaBootstrap(), prices, 0, HOURS, hoursSent),
                    "restart-test-producer");
            producer.start();
            awaitTrue(() -> hoursSent.get() >= HOURS_BEFORE_STOP && anyForecast(first.queries()),
                    "forecasts and " + HOURS_BEFORE_STOP + " hours sent", Duration.ofSeconds(120));
            // a checkpoint begun after the forecasts were seen has them in its state
            long checkpointBefore = checkpointNumber(first.dataDirectory().latestCheckpoint());
            awaitTrue(() -> checkpointNumber(first.dataDirectory().latestCheckpoint()) >= checkpointBefore + 2,
                    "a checkpoint with progress", Duration.ofSeconds(60));
            committedBeforeStop = committedOffset(first.kafkaBootstrap());
            assertThat(committedBeforeStop).as("offsets committed before the stop").isPositive();
        } finally {
            first.close(); // what Ctrl-C does: the producer keeps sending into the stopped broker meanwhile
        }
        hoursAtStop = hoursSent.get();
        assertThat(hoursAtStop).as("the stop comes mid-stream").isLessThan(HOURS);

        Stored restarted;
        Path resumedFrom;
        long onTopic;
        try (Platform second = platform(streams, model, data, kafkaPort).start()) {
            resumedFrom = second.resumedFrom().orElseThrow(() -> new AssertionError("the job did not resume"));
            assertThat(committedOffset(second.kafkaBootstrap())).as("committed offsets kept by the broker")
                    .isGreaterThanOrEqualTo(committedBeforeStop);
            PlatformTest.assertListensOnLoopbackOnly(second);
            producer.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(producer.isAlive()).as("the producer finished").isFalse();
            restarted = awaitSettled(second.queries(), uninterrupted, Duration.ofSeconds(120));
            onTopic = recordsOnTopic(second.kafkaBootstrap());
        }

        int stored = 0;
        int lost = 0;
        int duplicated = 0;
        int forecastsCompared = 0;
        int forecastsAfterRestart = 0;
        double largestDifference = 0;
        Instant restartHour = HOURLY.add(START, hoursAtStop);
        for (Map.Entry<SeriesId, double[]> series : prices.entrySet()) {
            List<Observation> observations = restarted.observations().get(series.getKey());
            stored += observations.size();
            Map<Instant, Double> sent = new LinkedHashMap<>();
            for (int hour = 0; hour < HOURS; hour++) {
                sent.put(HOURLY.add(START, hour), series.getValue()[hour]);
            }
            List<Instant> times = observations.stream().map(Observation::timestamp).toList();
            duplicated += times.size() - (int) times.stream().distinct().count();
            for (Map.Entry<Instant, Double> expected : sent.entrySet()) {
                boolean found = observations.stream().anyMatch(observation -> observation.timestamp()
                        .equals(expected.getKey()) && observation.value() == expected.getValue());
                lost += found ? 0 : 1;
            }
            assertThat(observations).as("observations of %s", series.getKey())
                    .isEqualTo(uninterrupted.observations().get(series.getKey()));

            List<ForecastValue> expected = uninterrupted.forecasts().get(series.getKey()).values();
            List<ForecastValue> actual = restarted.forecasts().get(series.getKey()).values();
            assertThat(actual).as("forecast points of %s", series.getKey()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                ForecastValue want = expected.get(i);
                ForecastValue got = actual.get(i);
                assertThat(got.time()).isEqualTo(want.time());
                assertThat(got.issuedAt()).as("issued at, for %s", want.time()).isEqualTo(want.issuedAt());
                assertThat(got.step()).isEqualTo(want.step());
                largestDifference = Math.max(largestDifference, relativeDifference(got.mean(), want.mean()));
                for (int q = 0; q < want.quantiles().length; q++) {
                    largestDifference = Math.max(largestDifference,
                            relativeDifference(got.quantile(q), want.quantile(q)));
                }
                forecastsCompared++;
                if (got.issuedAt().isAfter(restartHour)) {
                    forecastsAfterRestart++;
                }
            }
        }
        String figures = "records sent " + RECORDS + " (" + SYMBOLS.size() + " series x " + HOURS + " hours, "
                + hoursAtStop + " hours before the stop); on the topic " + onTopic + "; stored " + stored + ", lost " + lost + ", duplicated "
                + duplicated + "; forecast points compared " + forecastsCompared + " (" + forecastsAfterRestart
                + " issued after the restart), largest relative difference " + largestDifference
                + "; resumed from " + data.relativize(resumedFrom);
        System.out.println("Platform restart: " + figures);
        assertThat(onTopic).as("records on %s after the restart: %s", TOPIC, figures).isEqualTo(RECORDS);
        assertThat(lost).as(figures).isZero();
        assertThat(duplicated).as(figures).isZero();
        assertThat(stored).as(figures).isEqualTo(RECORDS);
        assertThat(forecastsAfterRestart).as("forecasts issued after the restart: " + figures).isPositive();
        // batches of another size go through other kernels: float rounding, never another context
        assertThat(largestDifference).as(figures).isLessThan(1e-4);
    }

    private static Platform platform(Path streams, Path model, Path data, int kafkaPort) {
        return Platform.builder()
                .setStreams(streams)
                .setModel(model)
                .optDataDirectory(data)
                .optKafkaPort(kafkaPort)
                .optFlinkRestPort(0)
                .optSeriesPerDomain(0)
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build();
    }

    /** A seeded random walk per symbol: the same prices in both runs. */
    private static Map<SeriesId, double[]> prices() {
        Map<SeriesId, double[]> prices = new LinkedHashMap<>();
        Random random = new Random(11);
        for (String symbol : SYMBOLS) {
            double[] values = new double[HOURS];
            double price = 100;
            for (int hour = 0; hour < HOURS; hour++) {
                price = Math.round(100 * (price + random.nextGaussian())) / 100.0;
                values[hour] = price;
            }
            prices.put(SeriesId.of("stock/" + symbol + "/close"), values);
        }
        return prices;
    }

    /**
     * Sends hours [from, to) of every symbol, 100 ms per hour, counting the hours handed over. Idempotent and patient:
     * while the broker is down the records wait and are retried, and a retry never writes one twice.
     */
    private static void produce(String bootstrap, Map<SeriesId, double[]> prices, int from, int to,
            AtomicInteger hoursSent) {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            for (int hour = from; hour < to; hour++) {
                long time = HOURLY.add(START, hour).toEpochMilli();
                for (Map.Entry<SeriesId, double[]> series : prices.entrySet()) {
                    String symbol = series.getKey().value().split("/")[1];
                    producer.send(new ProducerRecord<>(TOPIC, symbol, "{\"symbol\":\"" + symbol + "\",\"ts\":" + time
                            + ",\"price\":" + series.getValue()[hour] + "}"));
                }
                hoursSent.set(hour + 1);
                Thread.sleep(100);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    private record Stored(Map<SeriesId, List<Observation>> observations, Map<SeriesId, ForecastTrack> forecasts) {
        int forecastPoints() {
            return forecasts.values().stream().mapToInt(track -> track.values().size()).sum();
        }
    }

    /**
     * Waits until every record is stored and the forecasts stop changing: as many points as {@code target} holds
     * (or a count that stays short of it for twenty seconds), or, without a target, the same count for eight
     * seconds (the last step of each series stays open: no later record closes it).
     */
    private static Stored awaitSettled(InfluxQueries queries, Stored target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Stored last = null;
        long stableSince = System.nanoTime();
        while (true) {
            Stored now = read(queries);
            int observations = now.observations().values().stream().mapToInt(List::size).sum();
            boolean complete = observations == RECORDS && now.forecastPoints() > 0;
            if (last == null || last.forecastPoints() != now.forecastPoints() || !complete) {
                stableSince = System.nanoTime();
            }
            long stableFor = System.nanoTime() - stableSince;
            // with a target, a count that stopped short of it is left to the comparisons, which say what differs
            if (complete && (target != null ? now.forecastPoints() == target.forecastPoints()
                    || stableFor > Duration.ofSeconds(20).toNanos() : stableFor > Duration.ofSeconds(8).toNanos())) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not settled within " + timeout + ": " + observations + " of " + RECORDS
                        + " observations, " + now.forecastPoints() + " forecast points"
                        + (target == null ? "" : " of " + target.forecastPoints()));
            }
            last = now;
            Thread.sleep(500);
        }
    }

    private static Stored read(InfluxQueries queries) {
        Map<SeriesId, List<Observation>> observations = new LinkedHashMap<>();
        Map<SeriesId, ForecastTrack> forecasts = new LinkedHashMap<>();
        Instant end = HOURLY.add(START, HOURS + 10);
        for (String symbol : SYMBOLS) {
            SeriesId series = SeriesId.of("stock/" + symbol + "/close");
            observations.put(series, queries.history(series));
            Optional<ForecastTrack> track = queries.forecastTrack(series, MODEL, START, end);
            forecasts.put(series, track.orElse(new ForecastTrack(series, MODEL, QuantileLevels.DECILES, List.of())));
        }
        return new Stored(observations, forecasts);
    }

    private static boolean anyForecast(InfluxQueries queries) {
        return read(queries).forecastPoints() > 0;
    }

    private static long checkpointNumber(Optional<Path> checkpoint) {
        return checkpoint.map(path -> Long.parseLong(path.getFileName().toString().substring("chk-".length())))
                .orElse(0L);
    }

    private static long committedOffset(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(TOPIC, 0));
            return committed == null ? 0 : committed.offset();
        }
    }

    private static long recordsOnTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset();
            long start = admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset();
            return end - start;
        }
    }

    private static double relativeDifference(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what);
            }
            Thread.sleep(200);
        }
    }
}
