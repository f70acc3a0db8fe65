package io.tidewise.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.DeadLetterReason;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.streaming.FlinkTestCluster;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker is stopped and started again (same log directory, same port) while a producer writes and the
 * job reads, forecasts and writes dead letters back to the same broker. With no restart strategy to hide a failure,
 * the job must ride the outage out and finish, InfluxDB must hold every observation and forecast exactly once, and
 * the dead-letter topic every bad record once. The figures go to stdout for {@code docs/reliability.md}.
 */
class BrokerRestartTest {
    private static final String TOPIC = "restart.ticks";
    private static final String DEAD_LETTERS = "restart.deadletter";
    private static final List<String> SYMBOLS = List.of("ACME", "INITECH");
    private static final int HOURS = 240;
    /** Every this many hours a symbol's partition also gets a record that cannot be mapped. */
    private static final int BAD_EVERY = 10;
    private static final int HORIZON = 3;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Frequency HOURLY = Frequency.parse("1h");
    private static final Duration OUTAGE = Duration.ofSeconds(5);
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

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.onLoopback(2);

    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    @Test
    void aBrokerRestartedMidStreamLosesAndDuplicatesNothing(@TempDir Path directory) throws Exception {
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start(directory.resolve("kafka"))) {
            kafka.createTopic(TOPIC, SYMBOLS.size());
            kafka.createTopic(DEAD_LETTERS, 1);
            int badPerPartition = HOURS / BAD_EVERY;
            int forecastsExpected = SYMBOLS.size() * HOURS;
            LastValueForecaster.resetCounters();
            InfluxSettings influx = INFLUX.freshSettings().build();
            JobClient job = startJob(kafka, influx, HOURS + badPerPartition);

            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Exception> producerFailure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    produce(kafka, sent);
                } catch (Exception e) {
                    producerFailure.set(e);
                }
            }, "paced-producer");
            producer.start();

            awaitTrue(() -> forecastsAnswered() >= forecastsExpected / 3, job, "a third of the forecasts");
            assertThat(job.getJobStatus().get()).as("the job before the restart").isEqualTo(JobStatus.RUNNING);
            int answeredBeforeStop = forecastsAnswered();
            int sentBeforeStop = sent.get();
            long stopping = System.nanoTime();
            kafka.stop();
            Thread.sleep(OUTAGE.toMillis());
            JobStatus duringOutage = job.getJobStatus().get();
            kafka.start();
            double downSeconds = (System.nanoTime() - stopping) / 1e9;
            int sentWhileDown = sent.get() - sentBeforeStop;

            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            producer.join();
            assertThat(producerFailure.get()).as("the producer's failure").isNull();
            assertThat(duringOutage).as("the job while the broker was down").isEqualTo(JobStatus.RUNNING);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);

            int stored = 0;
            int forecastSteps = 0;
            try (InfluxStore store = InfluxStore.connect(influx)) {
                Instant end = HOURLY.add(START, HOURS + HORIZON);
                for (String symbol : SYMBOLS) {
                    SeriesId series = SeriesId.of("stock/" + symbol + "/close");
                    List<Observation> history = store.queries().history(series);
                    stored += history.size();
                    assertThat(history).as("stored observations of %s", series).containsExactlyElementsOf(
                            expectedObservations(symbol));
                    int steps = store.queries().forecastTrack(series, LastValueForecaster.MODEL_ID, START, end)
                            .orElseThrow().values().size();
                    forecastSteps += steps;
                    assertThat(steps).isEqualTo(HOURS - 1 + HORIZON);
                    assertThat(store.queries().accuracy(series, START, end).get(0).count()).isEqualTo(HOURS - 1);
                }
            }
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(kafka, DEAD_LETTERS,
                    SYMBOLS.size() * badPerPartition + 1, Duration.ofSeconds(3));
            Set<String> coordinates = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : letters) {
                DeadLetter letter = CanonicalJson.readDeadLetter(record.value());
                assertThat(letter.reason()).isEqualTo(DeadLetterReason.NON_NUMERIC_VALUE);
                coordinates.add(letter.partition() + "@" + letter.offset());
            }

            int sentGood = SYMBOLS.size() * HOURS;
            System.out.printf("%nBrokerRestartTest: %d records sent (%d good, %d bad), %d of them while the broker"
                    + " was down for %.1f s (stopped after %d forecasts)%n", sent.get(), sentGood,
                    SYMBOLS.size() * badPerPartition, sentWhileDown, downSeconds, answeredBeforeStop);
            System.out.printf("observations: sent %d, stored %d, lost %d, duplicated %d; forecast steps stored %d"
                    + " (expected %d); forecasts answered %d (expected %d)%n", sentGood, stored, sentGood - stored,
                    0, forecastSteps, SYMBOLS.size() * (HOURS - 1 + HORIZON), forecastsAnswered(),
                    forecastsExpected);
            System.out.printf("dead letters: %d (%d distinct records, %d bad sent); job: %s during the outage, %s"
                    + " at the end%n", letters.size(), coordinates.size(), SYMBOLS.size() * badPerPartition,
                    duringOutage, job.getJobStatus().get());

            assertThat(letters).as("dead letters, each once").hasSize(SYMBOLS.size() * badPerPartition);
            assertThat(coordinates).hasSize(SYMBOLS.size() * badPerPartition);
            // Every forecast answered once: nothing was read twice after the broker came back.
            assertThat(forecastsAnswered()).isEqualTo(forecastsExpected);
        }
    }

    private static List<Observation> expectedObservations(String symbol) {
        List<Observation> observations = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            observations.add(new Observation(SeriesId.of("stock/" + symbol + "/close"), HOURLY.add(START, hour),
                    price(SYMBOLS.indexOf(symbol), hour), Domain.STOCK));
        }
        return observations;
    }

    private static double price(int partition, int hour) {
        return Math.round(100 * (100 + partition * 10 + 5 * Math.sin(hour / 5.0))) / 100.0;
    }

    /** Hourly prices, symbol i on partition i, a bad record every {@link #BAD_EVERY} hours, 25 ms between hours. */
    private static void produce(RestartableKafkaBroker kafka, AtomicInteger sent) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all"); // idempotent by default: a retry is not a duplicate
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int hour = 0; hour < HOURS; hour++) {
                long ts = HOURLY.add(START, hour).toEpochMilli();
                for (int partition = 0; partition < SYMBOLS.size(); partition++) {
                    String symbol = SYMBOLS.get(partition);
                    byte[] key = symbol.getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(TOPIC, partition, key, ("{\"symbol\":\"" + symbol
                            + "\",\"price\":" + price(partition, hour) + ",\"ts\":" + ts + "}")
                            .getBytes(StandardCharsets.UTF_8)));
                    sent.incrementAndGet();
                    if (hour % BAD_EVERY == 0) {
                        producer.send(new ProducerRecord<>(TOPIC, partition, key, ("{\"symbol\":\"" + symbol
                                + "\",\"price\":\"n/a\",\"ts\":" + ts + "}").getBytes(StandardCharsets.UTF_8)));
                        sent.incrementAndGet();
                    }
                }
                Thread.sleep(25);
            }
            producer.flush();
        }
    }

    private static JobClient startJob(RestartableKafkaBroker kafka, InfluxSettings influx, long recordsPerPartition)
            throws Exception {
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(DEFINITION, "restart-ticks.yaml")),
                        new SeriesSettings(HOURLY, 1)))
                .setForecasterFactory(LastValueForecaster.factory(32))
                .setContextLength(32)
                .optOutOfOrderness(Duration.ZERO)
                .optMaxBatchSize(4)
                .optCheckpointInterval(Duration.ofMillis(200))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // riding the outage out, not restarting
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        for (int partition = 0; partition < SYMBOLS.size(); partition++) {
            ends.put(new TopicPartition(TOPIC, partition), recordsPerPartition);
        }
        KafkaSource<SourceRecord> source = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(TOPIC)
                .setGroupId("restart")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(ends))
                .setDeserializer(new SourceRecordDeserializer())
                .build();
        TidewiseJob.buildFromRecords(env, source,
                new RecordMapping(List.of(new DefinitionText("restart-ticks.yaml", DEFINITION)), null), settings,
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null),
                KafkaEdges.deadLetters(kafka.bootstrapServers(), DEAD_LETTERS));
        return env.executeAsync("broker-restart");
    }

    private static int forecastsAnswered() {
        return LastValueForecaster.batchSizes().stream().mapToInt(Integer::intValue).sum();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, JobClient job, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.holds()) {
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
                throw new AssertionError("the job ended before " + what + ": " + job.getJobStatus().get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(RestartableKafkaBroker kafka, String topic,
            int atMost, Duration timeout) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < atMost && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
