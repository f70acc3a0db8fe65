package io.tidewise.streaming.kafka;

import io.tidewise.ingest.kafka.KafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.store.AccuracySummary;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.StoredForecast;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.core.QuantileLevels;
import io.tidewise.streaming.CollectingSink;
import io.tidewise.streaming.FlinkTestCluster;
import io.tidewise.streaming.TidewiseJobMain;
import io.tidewise.streaming.inference.FailingOnceForecaster;
import io.tidewise.streaming.inference.TinyGptCheckpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tidewise.ingest.mapping.SourceRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import java.nio.file.Path;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.io.TempDir;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import io.tidewise.streaming.series.SeriesSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on real servers: known series are produced to a user topic of a real Kafka broker in their native
 * JSON layout (plus records that cannot be mapped), the job reads them through a stream definition on a Flink
 * MiniCluster, and the test reads back from a real {@code influxd} exactly the observations, the forecasts and the
 * live accuracy the series imply, and the dead letters from Kafka.
 */
class KafkaToInfluxTest {
    private static final String TOPIC = "test.ticks";
    private static final String DEAD_LETTERS = "test.deadletter";
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int DAYS = 20;
    private static final int HORIZON = 3;
    private static final String DEFINITION = """
            name: test-ticks
            topic: test.ticks
            format: json
            series: stock/{/symbol}/close
            timestamp:
              field: /ts
              format: epoch_ms
            value: /price
            domain: stock
            frequency: 1d
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
        kafka.createTopic(TOPIC, 2);
        kafka.createTopic(DEAD_LETTERS, 1);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void storesTheExactObservationsForecastsAndAccuracyOfReplayedSeries() throws Exception {
        Map<String, double[]> prices = new LinkedHashMap<>();
        Random random = new Random(3);
        for (String symbol : List.of("ACME", "INITECH")) {
            double[] values = new double[DAYS];
            double price = 100;
            for (int day = 0; day < DAYS; day++) {
                price = Math.round(100 * (price + random.nextGaussian())) / 100.0;
                values[day] = price;
            }
            prices.put(symbol, values);
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            for (Map.Entry<String, double[]> entry : prices.entrySet()) {
                String json = "{\"symbol\":\"" + entry.getKey() + "\",\"price\":" + entry.getValue()[day]
                        + ",\"ts\":" + DAILY.add(START, day).toEpochMilli() + "}";
                records.add(record(entry.getKey(), json));
            }
        }
        records.add(record("ACME", "{\"symbol\":\"ACME\",\"price\":1.0,\"ts\":\"yesterday\"}"));
        records.add(record("ACME", "not json at all"));
        records.add(record("INITECH", "{\"symbol\":\"INITECH\",\"ts\":1704067200000}"));
        kafka.produce(records);

        InfluxSettings influx = INFLUX.freshSettings().build();
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(DEFINITION, "test-ticks.yaml")),
                        new SeriesSettings(Frequency.parse("1h"), 1)))
                .setForecasterFactory(LastValueForecaster.factory(32))
                .setContextLength(32)
                .optOutOfOrderness(Duration.ofDays(1))
                .optCheckpointInterval(Duration.ofMillis(500))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test, not a retry loop
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        TidewiseJob.buildFromRecords(env,
                KafkaEdges.rawRecords(kafka.bootstrapServers(), List.of(TOPIC), "tidewise-test", true),
                new RecordMapping(List.of(new DefinitionText("test-ticks.yaml", DEFINITION)), null),
                settings,
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null),
                KafkaEdges.deadLetters(kafka.bootstrapServers(), DEAD_LETTERS));
        env.execute("kafka-to-influx-test");

        try (InfluxStore store = InfluxStore.connect(influx)) {
            for (Map.Entry<String, double[]> entry : prices.entrySet()) {
                SeriesId series = SeriesId.of("stock/" + entry.getKey() + "/close");
                double[] values = entry.getValue();

                List<Observation> expected = new ArrayList<>();
                for (int day = 0; day < DAYS; day++) {
                    expected.add(new Observation(series, DAILY.add(START, day), values[day], Domain.STOCK));
                }
                assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);

                // At each target time the latest forecast made before it: days 1..20 from the day before (step 1),
                // and the last forecast's steps 2 and 3 beyond the data.
                ForecastTrack track = store.queries().forecastTrack(series, LastValueForecaster.MODEL_ID,
                        START, DAILY.add(START, DAYS + HORIZON)).orElseThrow();
                assertThat(track.values()).hasSize(DAYS - 1 + HORIZON);
                for (ForecastValue value : track.values()) {
                    assertThat(value.quantiles()).isSorted();
                    int target = (int) java.time.Duration.between(START, value.time()).toDays();
                    int issued = Math.min(target - 1, DAYS - 1);
                    assertThat(value.step()).isEqualTo(target - issued);
                    assertThat(value.issuedAt()).isEqualTo(DAILY.add(START, issued));
                    assertThat(value.mean()).isEqualTo(values[issued]);
                }

                StoredForecast latest = store.queries().latestForecast(series, LastValueForecaster.MODEL_ID)
                        .orElseThrow();
                assertThat(latest.issuedAt()).isEqualTo(DAILY.add(START, DAYS - 1));
                assertThat(latest.forecast().horizon()).isEqualTo(HORIZON);
                assertThat(latest.forecast().steps().get(HORIZON - 1).quantile(8))
                        .isEqualTo(LastValueForecaster.expectedQuantile(values[DAYS - 1], HORIZON, 0.9));

                double absErrors = 0;
                int covered = 0;
                for (int day = 1; day < DAYS; day++) {
                    double error = Math.abs(values[day] - values[day - 1]);
                    absErrors += error;
                    covered += error <= 0.4 ? 1 : 0;
                }
                AccuracySummary accuracy = store.queries().accuracy(series, START, DAILY.add(START, DAYS)).get(0);
                assertThat(accuracy.model()).isEqualTo(LastValueForecaster.MODEL_ID);
                assertThat(accuracy.count()).isEqualTo(DAYS - 1);
                assertThat(accuracy.meanAbsError()).isCloseTo(absErrors / (DAYS - 1), within(1e-9));
                assertThat(accuracy.coverage80()).isCloseTo((double) covered / (DAYS - 1), within(1e-9));
            }
        }

        List<DeadLetter> deadLetters = kafka.readAll(DEAD_LETTERS, 3, Duration.ofSeconds(30)).stream()
                .map(record -> CanonicalJson.readDeadLetter(record.value())).toList();
        assertThat(deadLetters).extracting(letter -> letter.error().substring(0, letter.error().indexOf(':')))
                .containsExactlyInAnyOrder("bad_timestamp", "malformed_json", "missing_field");
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.stream()).isEqualTo("test-ticks");
            assertThat(letter.topic()).isEqualTo(TOPIC);
        });
    }

    @Test
    void mainWiresKafkaInfluxDbAndAModelCheckpointFromItsArguments(@TempDir Path directory) throws Exception {
        String topic = "main.ticks";
        kafka.createTopic(topic, 1);
        kafka.createTopic("main.deadletter", 1);
        kafka.createTopic("tidewise.forecasts", 1);
        Path streams = Files.createDirectories(directory.resolve("streams"));
        Files.writeString(streams.resolve("main-ticks.yaml"), DEFINITION.replace("test-ticks", "main-ticks")
                .replace("test.ticks", topic).replace("frequency: 1d", "frequency: 1h").replace("horizon: 3",
                        "horizon: 4"));
        Frequency hourly = Frequency.parse("1h");
        int hours = 30;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<Observation> expected = new ArrayList<>();
        SeriesId series = SeriesId.of("stock/ACME/close");
        for (int hour = 0; hour < hours; hour++) {
            double price = 100 + 5 * Math.sin(hour / 4.0);
            Instant time = hourly.add(START, hour);
            expected.add(new Observation(series, time, price, Domain.STOCK));
            records.add(new ProducerRecord<>(topic, "ACME".getBytes(StandardCharsets.UTF_8),
                    ("{\"symbol\":\"ACME\",\"price\":" + price + ",\"ts\":" + time.toEpochMilli() + "}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
        Path model = TinyGptCheckpoint.write(directory.resolve("models/tiny-patch/1"));
        InfluxSettings influx = INFLUX.freshSettings().build();

        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(1);
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(new String[] {
            "--kafka", kafka.bootstrapServers(), "--influx", influx.url(), "--influx-database", influx.database(),
            "--model", model.toString(), "--streams", streams.toString(), "--bounded", "--group", "main-test",
            "--dead-letter-topic", "main.deadletter", "--out-of-orderness-ms", "0", "--checkpoint-ms", "500",
            "--name", "main-test", "--publish-forecasts"}));
        assertThat(name).isEqualTo("main-test");
        env.execute(name);

        try (InfluxStore store = InfluxStore.connect(influx)) {
            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
            StoredForecast latest = store.queries().latestForecast(series, TinyGptCheckpoint.MODEL_ID).orElseThrow();
            assertThat(latest.issuedAt()).isEqualTo(hourly.add(START, hours - 1));
            assertThat(latest.forecast().horizon()).isEqualTo(4);
            assertThat(latest.forecast().levels()).isEqualTo(QuantileLevels.DECILES);
            ForecastTrack track = store.queries().forecastTrack(series, TinyGptCheckpoint.MODEL_ID, START,
                    hourly.add(START, hours + 4)).orElseThrow();
            assertThat(track.values()).hasSize(hours - 1 + 4);
            assertThat(store.queries().accuracy(series, START, hourly.add(START, hours)).get(0).count())
                    .isEqualTo(hours - 1);
        }
        List<JsonNode> published = kafka.readAll("tidewise.forecasts", hours, Duration.ofSeconds(30)).stream()
                .map(record -> readJson(record.value())).toList();
        assertThat(published).hasSize(hours);
        JsonNode last = published.stream()
                .filter(json -> json.get("issued_at").asText().equals(hourly.add(START, hours - 1).toString()))
                .findFirst().orElseThrow();
        assertThat(last.get("series").asText()).isEqualTo(series.value());
        assertThat(last.get("model").asText()).isEqualTo(TinyGptCheckpoint.MODEL_ID);
        assertThat(last.get("steps")).hasSize(4);
        assertThat(last.get("steps").get(3).get("ts").asText()).isEqualTo(hourly.add(START, hours + 3).toString());
        assertThat(last.get("steps").get(3).get("p90").asDouble())
                .isGreaterThanOrEqualTo(last.get("steps").get(3).get("p10").asDouble());
    }

    private static JsonNode readJson(byte[] json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * The fault test: a task fails mid-stream, the job restarts from its last checkpoint and finishes. InfluxDB then
     * holds exactly what a clean run of the same records stores, no point missing and none doubled, and the job did
     * not start over from the beginning.
     */
    @Test
    void aRunRestoredFromACheckpointAfterAFailureStoresExactlyWhatACleanRunStores(
            @InjectClusterClient ClusterClient<?> flink) throws Exception {
        String definition = DEFINITION.replace("test-ticks", "fault-ticks").replace("test.ticks", "fault.ticks")
                .replace("frequency: 1d", "frequency: 1h");
        int hours = 150;
        int forecastsPerRun = FAULT_SYMBOLS.size() * hours;

        kafka.createTopic("fault.ticks", 2);
        produceHourly("fault.ticks", hours, 0);
        InfluxSettings clean = INFLUX.freshSettings().build();
        faultJob("fault.ticks", hours, definition, "fault-clean", clean, LastValueForecaster.factory(32), false)
                .getJobExecutionResult().get(2, TimeUnit.MINUTES);

        // The second run reads a topic that is still being written, as a live one is, so checkpoints complete
        // while it runs; it stops at the offsets the last records will have.
        FailingOnceForecaster.reset();
        kafka.createTopic("fault.live", 2);
        InfluxSettings restored = INFLUX.freshSettings().build();
        JobClient job = faultJob("fault.live", hours, definition.replace("fault.ticks", "fault.live"),
                "fault-restored", restored, FailingOnceForecaster.factory(LastValueForecaster.factory(32), 0), true);
        Thread producer = new Thread(() -> produceHourly("fault.live", hours, 40), "paced-producer");
        producer.start();
        // Fail only once a checkpoint taken after a fifth of the forecasts has completed: the restore then has
        // progress to resume from, which a failure before the first checkpoint would not test.
        awaitTrue(() -> FailingOnceForecaster.forecasts() >= forecastsPerRun / 5, "a fifth of the forecasts");
        long completedBefore = completedCheckpoints(flink, job);
        awaitTrue(() -> completedCheckpoints(flink, job) > completedBefore, "a checkpoint with progress");
        FailingOnceForecaster.requestFailure();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        producer.join();
        assertThat(FailingOnceForecaster.failed()).as("the injected failure happened").isTrue();
        // Started over from nothing, the restored run would have answered every forecast again after the failure.
        assertThat(FailingOnceForecaster.forecasts())
                .as("forecasts answered in the failed and the restored attempt")
                .isLessThan(FailingOnceForecaster.forecastsAtFailure() + forecastsPerRun);

        Frequency hourly = Frequency.parse("1h");
        Instant end = hourly.add(START, hours + HORIZON);
        try (InfluxStore cleanStore = InfluxStore.connect(clean);
                InfluxStore restoredStore = InfluxStore.connect(restored)) {
            for (String symbol : FAULT_SYMBOLS) {
                SeriesId series = SeriesId.of("stock/" + symbol + "/close");
                List<Observation> observations = restoredStore.queries().history(series);
                assertThat(observations).hasSize(hours).isEqualTo(cleanStore.queries().history(series));
                ForecastTrack track = restoredStore.queries()
                        .forecastTrack(series, LastValueForecaster.MODEL_ID, START, end).orElseThrow();
                assertThat(track.values()).hasSize(hours - 1 + HORIZON);
                assertThat(track).isEqualTo(cleanStore.queries()
                        .forecastTrack(series, LastValueForecaster.MODEL_ID, START, end).orElseThrow());
                assertThat(restoredStore.queries().latestForecast(series, LastValueForecaster.MODEL_ID))
                        .isEqualTo(cleanStore.queries().latestForecast(series, LastValueForecaster.MODEL_ID));
                List<AccuracySummary> accuracy = restoredStore.queries().accuracy(series, START, end);
                assertThat(accuracy.get(0).count()).isEqualTo(hours - 1);
                assertThat(accuracy).isEqualTo(cleanStore.queries().accuracy(series, START, end));
            }
        }
    }

    /**
     * InfluxDB goes away mid-run and comes back: the sinks block (retrying) and backpressure the job instead of
     * dropping points, so once it is back everything the stream implies is stored.
     */
    @Test
    void anInfluxDbOutageMidRunSlowsTheJobAndLosesNothing() throws Exception {
        String definition = DEFINITION.replace("test-ticks", "outage-ticks").replace("test.ticks", "outage.live")
                .replace("frequency: 1d", "frequency: 1h");
        int hours = 120;
        kafka.createTopic("outage.live", 2);
        LastValueForecaster.resetCounters();
        InfluxSettings influx = INFLUX.freshSettings().build();
        JobClient job = faultJob("outage.live", hours, definition, "outage", influx, LastValueForecaster.factory(32),
                false);
        Thread producer = new Thread(() -> produceHourly("outage.live", hours, 40), "paced-producer");
        producer.start();
        awaitTrue(() -> LastValueForecaster.batchSizes().stream().mapToInt(Integer::intValue).sum() >= hours / 2,
                "some forecasts before the outage");
        assertThat(job.getJobStatus().get()).as("the job at the outage").isEqualTo(JobStatus.RUNNING);
        INFLUX.kill();
        Thread.sleep(3_000);
        INFLUX.start();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        producer.join();

        Frequency hourly = Frequency.parse("1h");
        Instant end = hourly.add(START, hours + HORIZON);
        try (InfluxStore store = InfluxStore.connect(influx)) {
            for (String symbol : FAULT_SYMBOLS) {
                SeriesId series = SeriesId.of("stock/" + symbol + "/close");
                assertThat(store.queries().history(series)).hasSize(hours);
                assertThat(store.queries().forecastTrack(series, LastValueForecaster.MODEL_ID, START, end)
                        .orElseThrow().values()).hasSize(hours - 1 + HORIZON);
                assertThat(store.queries().accuracy(series, START, end).get(0).count()).isEqualTo(hours - 1);
            }
        }
    }

    private static final List<String> FAULT_SYMBOLS = List.of("ACME", "INITECH");

    /** Hourly prices of {@link #FAULT_SYMBOLS}, symbol i on partition i, with a pause between hours. */
    private static void produceHourly(String topic, int hours, long pauseMillis) {
        Frequency hourly = Frequency.parse("1h");
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int hour = 0; hour < hours; hour++) {
                for (int partition = 0; partition < FAULT_SYMBOLS.size(); partition++) {
                    String symbol = FAULT_SYMBOLS.get(partition);
                    double price = 100 + partition * 10 + 5 * Math.sin(hour / 5.0);
                    producer.send(new ProducerRecord<>(topic, partition, symbol.getBytes(StandardCharsets.UTF_8),
                            ("{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"ts\":"
                                    + hourly.add(START, hour).toEpochMilli() + "}")
                                    .getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing " + topic, e);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Completed checkpoints of a job, from the cluster's REST API (what the Flink dashboard shows). */
    private static long completedCheckpoints(ClusterClient<?> flink, JobClient job) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(flink.getWebInterfaceURL() + "/jobs/" + job.getJobID() + "/checkpoints")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher completed = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)").matcher(response.body());
        return completed.find() ? Long.parseLong(completed.group(1)) : 0;
    }

    private static JobClient faultJob(String topic, int recordsPerPartition, String definition, String group,
            InfluxSettings influx,
            io.tidewise.streaming.inference.ForecasterFactory forecasters, boolean restartOnFailure) throws Exception {
        Configuration pipeline = new Configuration();
        if (restartOnFailure) {
            pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            pipeline.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            pipeline.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        } else {
            pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(definition, "fault-ticks.yaml")),
                        new SeriesSettings(Frequency.parse("1d"), 1)))
                .setForecasterFactory(forecasters)
                .setContextLength(32)
                .optOutOfOrderness(Duration.ZERO)
                .optMaxBatchSize(4)
                .optCheckpointInterval(Duration.ofMillis(100))
                .build();
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        for (int partition = 0; partition < FAULT_SYMBOLS.size(); partition++) {
            ends.put(new TopicPartition(topic, partition), (long) recordsPerPartition);
        }
        KafkaSource<SourceRecord> source = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(ends))
                .setDeserializer(new SourceRecordDeserializer())
                .build();
        TidewiseJob.buildFromRecords(env, source,
                new RecordMapping(List.of(new DefinitionText("fault-ticks.yaml", definition)), null), settings,
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null),
                // A Kafka sink holds a bounded source's task open for a final checkpoint and declines checkpoints
                // meanwhile; in memory, checkpoints go on once the replayed topic is read, as they would while a
                // live topic is read.
                new CollectingSink<>());
        return env.executeAsync(group);
    }

    private static ProducerRecord<byte[], byte[]> record(String key, String value) {
        return new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
