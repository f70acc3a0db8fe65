package io.tidewise.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.kafka.KafkaBroker;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.DeadLetterReason;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.SeriesSummary;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.streaming.FlinkTestCluster;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.kafka.MalformedRecords.Kind;
import io.tidewise.streaming.kafka.MalformedRecords.Malformed;
import io.tidewise.streaming.kafka.MalformedRecords.Stream;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input at the door, through the real job: 10,000 malformed records of every kind {@link MalformedRecords}
 * makes, shuffled in among a known set of good records on a JSON and a CSV stream of a real Kafka broker, read by
 * the job on a Flink MiniCluster into a real {@code influxd}. Every bad record must come out on the dead-letter
 * topic once, with a reason it may have; every good observation must be stored exactly once, and nothing else; the
 * job must be running from the first record to the last, with no restart strategy to hide a failure.
 *
 * <p>The figures go to stdout for {@code docs/reliability.md}.
 */
class HostileInputTest {
    private static final long SEED = 20_261_204L;
    private static final int BAD_RECORDS = 10_000;
    private static final String JSON_TOPIC = "hostile.json";
    private static final String CSV_TOPIC = "hostile.csv";
    private static final String DEAD_LETTERS = "hostile.deadletter";
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Frequency HOURLY = Frequency.parse("1h");
    private static final int HOURS = 300;
    private static final List<String> SYMBOLS = List.of("G0", "G1", "G2", "G3");
    private static final List<String> SENSORS = List.of("C0", "C1");
    private static final String JSON_DEFINITION = """
            name: hostile-json
            topic: hostile.json
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
    private static final String CSV_DEFINITION = """
            name: hostile-csv
            topic: hostile.csv
            format: csv
            csv:
              columns: [at, sensor, count]
            series: traffic/{sensor}/volume
            timestamp:
              field: at
              format: iso
            value: count
            domain: traffic
            frequency: 1h
            horizon: 3
            """;

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.onLoopback(2);

    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopic(JSON_TOPIC, 2);
        kafka.createTopic(CSV_TOPIC, 1);
        kafka.createTopic(DEAD_LETTERS, 1);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A record to produce, and what it must become: an observation (good) or a dead letter (bad). */
    private record Planned(ProducerRecord<byte[], byte[]> record, Observation good, Malformed bad) {}

    @Test
    void tenThousandMalformedRecordsBecomeDeadLettersWithReasonsWhileEveryGoodObservationIsStoredOnce()
            throws Exception {
        Random random = new Random(SEED);
        List<Planned> plan = plan(random);
        List<Observation> goods = plan.stream().filter(p -> p.good() != null).map(Planned::good).toList();

        InfluxSettings influx = INFLUX.freshSettings().build();
        JobClient job = startJob(influx);
        AtomicReference<String> notRunning = new AtomicReference<>();
        Thread watcher = watchStatus(job, notRunning);

        long producing = System.nanoTime();
        Map<String, Planned> byCoordinates = produce(plan);
        double produceSeconds = (System.nanoTime() - producing) / 1e9;

        awaitDeadLetters(job);
        try (InfluxStore store = InfluxStore.connect(influx)) {
            awaitStored(store, goods.size(), job);
        }
        // Anything beyond the 10,000 would be a duplicate or a good record sent away: read what else arrives.
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(DEAD_LETTERS, BAD_RECORDS + 1,
                Duration.ofSeconds(3));
        double seconds = (System.nanoTime() - producing) / 1e9;

        watcher.interrupt();
        watcher.join();
        assertThat(notRunning.get()).as("the job's status while records flowed").isNull();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

        Map<DeadLetterReason, Integer> perReason = new EnumMap<>(DeadLetterReason.class);
        Map<Kind, Map<DeadLetterReason, Integer>> perKind = new EnumMap<>(Kind.class);
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (ConsumerRecord<byte[], byte[]> record : letters) {
            DeadLetter letter = CanonicalJson.readDeadLetter(record.value());
            String coordinates = letter.topic() + "-" + letter.partition() + "@" + letter.offset();
            Planned planned = byCoordinates.get(coordinates);
            assertThat(planned).as("the record of dead letter %s", coordinates).isNotNull();
            assertThat(planned.bad()).as("dead letter %s (%s) is of a good record", coordinates, letter.error())
                    .isNotNull();
            if (!seen.add(coordinates)) {
                duplicates++;
                continue;
            }
            DeadLetterReason reason = letter.reason();
            assertThat(reason).as("reason of %s: %s", coordinates, letter.error()).isNotNull();
            assertThat(letter.error().substring(reason.wireName().length() + 1).strip())
                    .as("the detail of %s", coordinates).isNotEmpty();
            assertThat(planned.bad().reasons())
                    .as("reason of %s record %s: %s", planned.bad().kind(),
                            MalformedRecords.PREVIEW.apply(planned.bad().value()), letter.error())
                    .contains(reason);
            assertThat(letter.stream()).isEqualTo(planned.bad().stream() == Stream.JSON ? "hostile-json"
                    : "hostile-csv");
            perReason.merge(reason, 1, Integer::sum);
            perKind.computeIfAbsent(planned.bad().kind(), k -> new EnumMap<>(DeadLetterReason.class))
                    .merge(reason, 1, Integer::sum);
        }

        int stored;
        int lost = 0;
        int extra = 0;
        try (InfluxStore store = InfluxStore.connect(influx)) {
            Map<SeriesId, List<Observation>> expected = new TreeMap<>();
            for (Observation good : goods) {
                expected.computeIfAbsent(good.series(), s -> new ArrayList<>()).add(good);
            }
            stored = 0;
            for (Map.Entry<SeriesId, List<Observation>> entry : expected.entrySet()) {
                List<Observation> history = store.queries().history(entry.getKey());
                stored += history.size();
                List<Observation> missing = new ArrayList<>(entry.getValue());
                missing.removeAll(history);
                List<Observation> unexpected = new ArrayList<>(history);
                unexpected.removeAll(entry.getValue());
                lost += missing.size();
                extra += unexpected.size();
                assertThat(history).as("stored observations of %s", entry.getKey())
                        .containsExactlyElementsOf(entry.getValue());
            }
            assertThat(store.queries().series()).extracting(SeriesSummary::series)
                    .as("series stored: the good ones only").containsExactlyInAnyOrderElementsOf(expected.keySet());
        }

        int bad = (int) plan.stream().filter(p -> p.bad() != null).count();
        long nullKeys = plan.stream().filter(p -> p.record().key() == null).count();
        System.out.printf("%nHostileInputTest (seed %d): %d records sent (%d good, %d malformed; %d with a null key)"
                        + " in %.1f s, all handled %.1f s after the first was sent%n", SEED, plan.size(),
                goods.size(), bad, nullKeys, produceSeconds, seconds);
        System.out.printf("good observations: sent %d, stored %d, lost %d, duplicated or unexpected %d%n",
                goods.size(), stored, lost, extra);
        System.out.printf("dead letters: %d for %d malformed records (%d repeated, %d missing)%n", letters.size(),
                bad, duplicates, bad - seen.size());
        System.out.println("dead letters per reason:");
        perReason.forEach((reason, count) -> System.out.printf("  %-18s %5d%n", reason.wireName(), count));
        System.out.println("malformed kind -> reasons:");
        perKind.forEach((kind, reasons) -> System.out.printf("  %-22s %5d  %s%n", kind.name().toLowerCase(),
                reasons.values().stream().mapToInt(Integer::intValue).sum(), reasons));
        System.out.printf("job status after the last record: %s%n", job.getJobStatus().get());

        assertThat(duplicates).as("dead letters repeated").isZero();
        assertThat(seen).as("malformed records with a dead letter").hasSize(bad);
        assertThat(bad).isEqualTo(BAD_RECORDS);
        assertThat(perKind.keySet()).as("kinds seen on the dead-letter topic").containsExactly(Kind.values());
        job.cancel().get(1, TimeUnit.MINUTES);
    }

    /**
     * The good records (hourly series, in time order per partition, a fifth with a null key and an explicit
     * partition) with the malformed ones shuffled in between: the order of good records within a partition is kept,
     * so nothing good arrives late.
     */
    private static List<Planned> plan(Random random) {
        List<Planned> goods = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            Instant time = HOURLY.add(START, hour);
            for (int i = 0; i < SYMBOLS.size(); i++) {
                String symbol = SYMBOLS.get(i);
                double price = Math.round(10_000 * (100 + i * 10 + 5 * Math.sin(hour / 7.0 + i))) / 100.0;
                String json = "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"ts\":" + time.toEpochMilli()
                        + "}";
                byte[] key = goods.size() % 5 == 0 ? null : symbol.getBytes(StandardCharsets.UTF_8);
                goods.add(new Planned(new ProducerRecord<>(JSON_TOPIC, i % 2, key,
                        json.getBytes(StandardCharsets.UTF_8)),
                        new Observation(SeriesId.of("stock/" + symbol + "/close"), time, price, Domain.STOCK), null));
            }
            for (int i = 0; i < SENSORS.size(); i++) {
                String sensor = SENSORS.get(i);
                int count = 100 + (hour * 37 + i * 11) % 400;
                byte[] key = goods.size() % 5 == 0 ? null : sensor.getBytes(StandardCharsets.UTF_8);
                goods.add(new Planned(new ProducerRecord<>(CSV_TOPIC, 0, key,
                        (time + "," + sensor + "," + count).getBytes(StandardCharsets.UTF_8)),
                        new Observation(SeriesId.of("traffic/" + sensor + "/volume"), time, count, Domain.TRAFFIC),
                        null));
            }
        }
        List<Planned> bads = new ArrayList<>();
        for (Malformed malformed : MalformedRecords.generate(random)) {
            String topic = malformed.stream() == Stream.JSON ? JSON_TOPIC : CSV_TOPIC;
            int partition = topic.equals(JSON_TOPIC) ? random.nextInt(2) : 0;
            byte[] key = bads.size() % 3 == 0 ? null : ("bad-" + bads.size()).getBytes(StandardCharsets.UTF_8);
            bads.add(new Planned(new ProducerRecord<>(topic, partition, key, malformed.value()), null, malformed));
        }
        Collections.shuffle(bads, random);
        List<Boolean> slots = new ArrayList<>(Collections.nCopies(goods.size(), false));
        slots.addAll(Collections.nCopies(bads.size(), true));
        Collections.shuffle(slots, random);
        List<Planned> plan = new ArrayList<>(slots.size());
        int good = 0;
        int bad = 0;
        for (boolean isBad : slots) {
            plan.add(isBad ? bads.get(bad++) : goods.get(good++));
        }
        return plan;
    }

    /** Sends every record in plan order; returns them by {@code topic-partition@offset}. */
    private static Map<String, Planned> produce(List<Planned> plan) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(plan.size());
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (Planned planned : plan) {
                sent.add(producer.send(planned.record()));
            }
            producer.flush();
        }
        Map<String, Planned> byCoordinates = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            RecordMetadata metadata = sent.get(i).get();
            byCoordinates.put(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset(), plan.get(i));
        }
        return byCoordinates;
    }

    private static JobClient startJob(InfluxSettings influx) throws Exception {
        StreamDefinitionLoader loader = new StreamDefinitionLoader();
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(loader.parse(JSON_DEFINITION, "hostile-json.yaml"),
                                loader.parse(CSV_DEFINITION, "hostile-csv.yaml")),
                        new SeriesSettings(HOURLY, 1)))
                .setForecasterFactory(LastValueForecaster.factory(32))
                .setContextLength(32)
                .optOutOfOrderness(Duration.ZERO)
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must show, not be retried away
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        TidewiseJob.buildFromRecords(env,
                KafkaEdges.rawRecords(kafka.bootstrapServers(), List.of(JSON_TOPIC, CSV_TOPIC), "hostile", false),
                new RecordMapping(List.of(new DefinitionText("hostile-json.yaml", JSON_DEFINITION),
                        new DefinitionText("hostile-csv.yaml", CSV_DEFINITION)), null),
                settings,
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null),
                KafkaEdges.deadLetters(kafka.bootstrapServers(), DEAD_LETTERS));
        JobClient job = env.executeAsync("hostile-input");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline || job.getJobStatus().get().isGloballyTerminalState()) {
                throw new AssertionError("the job did not start: " + job.getJobStatus().get());
            }
            Thread.sleep(50);
        }
        return job;
    }

    /** Polls the job's status every 100 ms until interrupted; the first status other than RUNNING is kept. */
    private static Thread watchStatus(JobClient job, AtomicReference<String> notRunning) {
        Thread watcher = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    JobStatus status = job.getJobStatus().get();
                    if (status != JobStatus.RUNNING) {
                        notRunning.compareAndSet(null, status + " at " + Instant.now());
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                notRunning.compareAndSet(null, "status unknown: " + e);
            }
        }, "job-status-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /** Waits for {@link #BAD_RECORDS} dead letters, failing at once if the job ends meanwhile. */
    private static void awaitDeadLetters(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int read = 0;
        while (System.nanoTime() < deadline) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
                throw new AssertionError("the job ended: " + job.getJobStatus().get());
            }
            read = kafka.readAll(DEAD_LETTERS, BAD_RECORDS, Duration.ofSeconds(2)).size();
            if (read >= BAD_RECORDS) {
                return;
            }
        }
        throw new AssertionError("timed out with " + read + " of " + BAD_RECORDS + " dead letters");
    }

    private static void awaitStored(InfluxStore store, int expected, JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        int stored = 0;
        while (System.nanoTime() < deadline) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
                throw new AssertionError("the job ended: " + job.getJobStatus().get());
            }
            stored = 0;
            for (SeriesSummary summary : store.queries().series()) {
                stored += store.queries().history(summary.series()).size();
            }
            if (stored >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out with " + stored + " of " + expected + " good observations stored");
    }
}
