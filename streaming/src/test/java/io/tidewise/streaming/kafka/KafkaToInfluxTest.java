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
import org.apache.flink.core.execution.SavepointFormatType;
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
import org.apache.flink.configuration.StateRecoveryOptions;
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
        InfluxSettings clean = cleanFaultRun();

        // The second run reads a topic that is still being written, as a live one is, so checkpoints complete
        // while it runs; it stops at the offsets the last records will have.
        FailingOnceForecaster.reset();
        kafka.createTopic("fault.live", 2);
        InfluxSettings restored = INFLUX.freshSettings().build();
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        JobClient job = faultJob("fault.live", "fault-restored", restored,
                FailingOnceForecaster.factory(LastValueForecaster.factory(32), 0), restarts);
        Thread producer = new Thread(() -> produceHourly("fault.live", 0, FAULT_HOURS, 40), "paced-producer");
        producer.start();
        // Fail only once a checkpoint taken after a fifth of the forecasts has completed: the restore then has
        // progress to resume from, which a failure before the first checkpoint would not test.
        awaitTrue(() -> FailingOnceForecaster.forecasts() >= FAULT_FORECASTS / 5, "a fifth of the forecasts");
        long completedBefore = completedCheckpoints(flink, job);
        awaitTrue(() -> completedCheckpoints(flink, job) > completedBefore, "a checkpoint with progress");
        FailingOnceForecaster.requestFailure();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        producer.join();
        assertThat(FailingOnceForecaster.failed()).as("the injected failure happened").isTrue();
        // Started over from nothing, the restored run would have answered every forecast again after the failure.
        assertThat(FailingOnceForecaster.forecasts())
                .as("forecasts answered in the failed and the restored attempt")
                .isLessThan(FailingOnceForecaster.forecastsAtFailure() + FAULT_FORECASTS);

        assertStoresExactlyWhatTheCleanRunStores(restored, clean);
    }

    /**
     * The job is cancelled mid-stream (as for an upgrade or a move) and a new job is started from the checkpoint
     * the cancelled one retained, as {@code flink run -s DIR/<job id>/chk-N} does on a cluster, with the checkpoint
     * options {@code main} takes. The new job reads the rest of the topic; InfluxDB then holds exactly what a clean
     * run of the same records stores, and the new job answered only the forecasts the checkpoint did not cover.
     */
    @Test
    void aJobCancelledMidStreamAndResumedFromItsRetainedCheckpointStoresExactlyWhatACleanRunStores(
            @InjectClusterClient ClusterClient<?> flink, @TempDir Path checkpoints) throws Exception {
        InfluxSettings clean = cleanFaultRun();
        // The cancelled job sees only the first hours: its checkpoints cannot cover the whole input.
        int hoursBeforeCancel = 100;
        kafka.createTopic("resume.live", 2);
        InfluxSettings resumed = INFLUX.freshSettings().build();
        Configuration retaining = noRestarts();
        retaining.addAll(TidewiseJobMain.checkpointOptions(
                ParameterTool.fromArgs(new String[] {"--checkpoint-dir", checkpoints.toString()})));

        LastValueForecaster.resetCounters();
        JobClient cancelled = faultJob("resume.live", "resume", resumed, LastValueForecaster.factory(32), retaining);
        Thread producer = new Thread(() -> produceHourly("resume.live", 0, hoursBeforeCancel, 20), "paced-producer");
        producer.start();
        awaitTrue(() -> running(cancelled) && forecastsAnswered() >= FAULT_FORECASTS / 5, "a fifth of the forecasts");
        int answeredBeforeCheckpoint = forecastsAnswered();
        // Checkpoints run one at a time: the one after the next was triggered after these forecasts were answered,
        // so it covers them (inference answers every waiting request before a barrier).
        long completedBefore = completedCheckpoints(flink, cancelled);
        awaitTrue(() -> completedCheckpoints(flink, cancelled) >= completedBefore + 2, "a checkpoint with progress");
        cancelled.cancel().get(1, TimeUnit.MINUTES);
        awaitTrue(() -> cancelled.getJobStatus().get() == JobStatus.CANCELED, "the job to be cancelled");
        producer.join();
        try (InfluxStore store = InfluxStore.connect(resumed)) {
            for (String symbol : FAULT_SYMBOLS) {
                assertThat(store.queries().history(SeriesId.of("stock/" + symbol + "/close")))
                        .as("observations of %s stored before the cancellation", symbol)
                        .isNotEmpty().hasSizeLessThanOrEqualTo(hoursBeforeCancel);
            }
        }

        Path checkpoint = latestRetainedCheckpoint(checkpoints.resolve(cancelled.getJobID().toString()));
        produceHourly("resume.live", hoursBeforeCancel, FAULT_HOURS, 0);
        LastValueForecaster.resetCounters();
        Configuration resuming = noRestarts();
        resuming.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
        JobClient resumedJob = faultJob("resume.live", "resume", resumed, LastValueForecaster.factory(32), resuming);
        // A bounded KafkaSource restored from a checkpoint reads to its stopping offsets but never finishes
        // (FLINK-33466, flink-connector-kafka 5.0.0): once every record is read, the job is stopped with a drain,
        // which ends it as the end of its input would (`flink stop --drain` on a cluster).
        try (InfluxStore store = InfluxStore.connect(resumed)) {
            awaitTrue(() -> resumedJob.getJobStatus().get().isGloballyTerminalState()
                    || observationsStored(store) == FAULT_SYMBOLS.size() * FAULT_HOURS, "every record read");
        }
        if (!resumedJob.getJobStatus().get().isGloballyTerminalState()) {
            resumedJob.stopWithSavepoint(true, checkpoints.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
        }
        resumedJob.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        // Started over from the first record, the new job would have answered every forecast again.
        assertThat(forecastsAnswered()).as("forecasts answered by the resumed job")
                .isPositive().isLessThanOrEqualTo(FAULT_FORECASTS - answeredBeforeCheckpoint);

        assertStoresExactlyWhatTheCleanRunStores(resumed, clean);
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
                noRestarts());
        Thread producer = new Thread(() -> produceHourly("outage.live", 0, hours, 40), "paced-producer");
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
    private static final int FAULT_HOURS = 150;
    /** One forecast per hour and series. */
    private static final int FAULT_FORECASTS = FAULT_SYMBOLS.size() * FAULT_HOURS;
    private static final String FAULT_DEFINITION = DEFINITION.replace("test-ticks", "fault-ticks")
            .replace("test.ticks", "fault.ticks").replace("frequency: 1d", "frequency: 1h");

    /** What a run without faults stores for {@link #FAULT_HOURS} of {@link #produceHourly}; run once per class. */
    private static InfluxSettings cleanFaultRun;

    private static synchronized InfluxSettings cleanFaultRun() throws Exception {
        if (cleanFaultRun == null) {
            kafka.createTopic("fault.ticks", 2);
            produceHourly("fault.ticks", 0, FAULT_HOURS, 0);
            InfluxSettings clean = INFLUX.freshSettings().build();
            faultJob("fault.ticks", "fault-clean", clean, LastValueForecaster.factory(32), noRestarts())
                    .getJobExecutionResult().get(2, TimeUnit.MINUTES);
            cleanFaultRun = clean;
        }
        return cleanFaultRun;
    }

    /**
     * Observations, forecast tracks, latest forecasts and accuracy of every fault series: all there (counts), and
     * equal to the clean run's (values): nothing missing, nothing doubled, nothing from a lost context.
     */
    private static void assertStoresExactlyWhatTheCleanRunStores(InfluxSettings run, InfluxSettings clean)
            throws Exception {
        Frequency hourly = Frequency.parse("1h");
        Instant end = hourly.add(START, FAULT_HOURS + HORIZON);
        try (InfluxStore cleanStore = InfluxStore.connect(clean); InfluxStore runStore = InfluxStore.connect(run)) {
            for (String symbol : FAULT_SYMBOLS) {
                SeriesId series = SeriesId.of("stock/" + symbol + "/close");
                List<Observation> observations = runStore.queries().history(series);
                assertThat(observations).hasSize(FAULT_HOURS).isEqualTo(cleanStore.queries().history(series));
                ForecastTrack track = runStore.queries()
                        .forecastTrack(series, LastValueForecaster.MODEL_ID, START, end).orElseThrow();
                assertThat(track.values()).hasSize(FAULT_HOURS - 1 + HORIZON);
                assertThat(track).isEqualTo(cleanStore.queries()
                        .forecastTrack(series, LastValueForecaster.MODEL_ID, START, end).orElseThrow());
                assertThat(runStore.queries().latestForecast(series, LastValueForecaster.MODEL_ID))
                        .isEqualTo(cleanStore.queries().latestForecast(series, LastValueForecaster.MODEL_ID));
                List<AccuracySummary> accuracy = runStore.queries().accuracy(series, START, end);
                assertThat(accuracy.get(0).count()).isEqualTo(FAULT_HOURS - 1);
                assertThat(accuracy).isEqualTo(cleanStore.queries().accuracy(series, START, end));
            }
        }
    }

    private static int observationsStored(InfluxStore store) {
        return FAULT_SYMBOLS.stream()
                .mapToInt(symbol -> store.queries().history(SeriesId.of("stock/" + symbol + "/close")).size()).sum();
    }

    /** Forecasts {@link LastValueForecaster} answered in this JVM since its counters were reset. */
    private static int forecastsAnswered() {
        return LastValueForecaster.batchSizes().stream().mapToInt(Integer::intValue).sum();
    }

    /** The newest {@code chk-N} of a job's checkpoint directory whose metadata was written (a complete one). */
    private static Path latestRetainedCheckpoint(Path jobCheckpoints) throws java.io.IOException {
        try (java.util.stream.Stream<Path> children = Files.list(jobCheckpoints)) {
            return children
                    .filter(child -> child.getFileName().toString().matches("chk-\\d+"))
                    .filter(child -> Files.isRegularFile(child.resolve("_metadata")))
                    .max(java.util.Comparator.comparingLong(
                            child -> Long.parseLong(child.getFileName().toString().substring("chk-".length()))))
                    .orElseThrow(() -> new AssertionError("no retained checkpoint in " + jobCheckpoints));
        }
    }

    /** Hourly prices of {@link #FAULT_SYMBOLS} for hours [from, to), symbol i on partition i, paused between hours. */
    private static void produceHourly(String topic, int fromHour, int toHour, long pauseMillis) {
        Frequency hourly = Frequency.parse("1h");
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (int hour = fromHour; hour < toHour; hour++) {
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

    /** True while the job has not ended; its failure, if it ended in one, as the assertion that stops the wait. */
    private static boolean running(JobClient job) throws Exception {
        if (job.getJobStatus().get().isGloballyTerminalState()) {
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
            throw new AssertionError("job " + job.getJobID() + " ended early: " + job.getJobStatus().get());
        }
        return true;
    }

    /** Completed checkpoints of a job, from the cluster's REST API (what the Flink dashboard shows). */
    private static long completedCheckpoints(ClusterClient<?> flink, JobClient job) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(flink.getWebInterfaceURL() + "/jobs/" + job.getJobID() + "/checkpoints")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher completed = Pattern.compile("\"completed\"\\s*:\\s*(\\d+)").matcher(response.body());
        return completed.find() ? Long.parseLong(completed.group(1)) : 0;
    }

    /** A pipeline configuration in which a failure fails the job (and the test) instead of restarting it. */
    private static Configuration noRestarts() {
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return pipeline;
    }

    /** The fault job on {@link #FAULT_DEFINITION}, reading {@code topic} up to {@link #FAULT_HOURS} per partition. */
    private static JobClient faultJob(String topic, String group, InfluxSettings influx,
            io.tidewise.streaming.inference.ForecasterFactory forecasters, Configuration pipeline) throws Exception {
        return faultJob(topic, FAULT_HOURS, FAULT_DEFINITION.replace("fault.ticks", topic), group, influx,
                forecasters, pipeline);
    }

    private static JobClient faultJob(String topic, int recordsPerPartition, String definition, String group,
            InfluxSettings influx,
            io.tidewise.streaming.inference.ForecasterFactory forecasters, Configuration pipeline) throws Exception {
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
