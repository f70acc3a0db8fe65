package io.tidewise.streaming.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Frequency;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.kafka.KafkaBroker;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.kafka.DefinitionText;
import io.tidewise.streaming.kafka.KafkaEdges;
import io.tidewise.streaming.kafka.RecordMapping;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job's metrics, end to end on real servers: known good, bad and late records go through a real Kafka broker
 * into the job on a MiniCluster; the test reads the metrics back through Flink's REST API, the dead-letter counts
 * from the {@code dead_letter} measurement, and the reporter's output from a real {@code influxd}, and finds
 * exactly what was sent. The operations dashboard's queries then run against that very output.
 */
class JobMetricsTest {
    private static final String STREAM = "metrics-ticks";
    private static final String TOPIC = "metrics.ticks";
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final List<String> SYMBOLS = List.of("ACME", "INITECH");
    private static final int DAYS = 20;
    private static final int HORIZON = 3;
    private static final String DEFINITION = """
            name: metrics-ticks
            topic: metrics.ticks
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
    /** Bad records by the reason their dead letters must carry. */
    private static final Map<String, List<String>> BAD = Map.of(
            "malformed_json", List.of("not json at all", "{\"symbol\":", "[1,2"),
            "bad_timestamp", List.of("{\"symbol\":\"ACME\",\"price\":1.0,\"ts\":\"yesterday\"}",
                    "{\"symbol\":\"ACME\",\"price\":1.0,\"ts\":true}"),
            "missing_field", List.of("{\"symbol\":\"INITECH\",\"ts\":1704067200000}"));

    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static KafkaBroker kafka;
    private static MiniCluster flink;
    private static InfluxSettings series;
    private static InfluxSettings metrics;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopic(TOPIC, 1);
        kafka.createTopic("metrics.deadletter", 1);
        series = INFLUX.freshSettings().build();
        metrics = series.withDatabase(series.database() + "_metrics");
        Configuration configuration = new Configuration();
        configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.PORT, 0);
        configuration.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(200));
        MetricsReporting.apply(configuration, metrics, metrics.database(), Duration.ofMillis(500));
        flink = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
        flink.start();
        TestStreamEnvironment.setAsContext(flink, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        TestStreamEnvironment.unsetAsContext();
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void countersEqualWhatWasSentInFlinksRestApiTheDeadLetterMeasurementAndTheReportersDatabase()
            throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            for (String symbol : SYMBOLS) {
                records.add(record(symbol, day, 100 + day));
            }
        }
        BAD.values().forEach(bad -> bad.forEach(text -> records.add(record(text))));
        kafka.produce(records);
        int good = DAYS * SYMBOLS.size();
        int bad = BAD.values().stream().mapToInt(List::size).sum();

        JobClient job = submit();
        FlinkRestMetrics rest = new FlinkRestMetrics(flink.getRestAddress().get().toString(),
                job.getJobID().toHexString());
        try {
            // Once forecasts were made from day 10 on, the watermark has passed day 1: day 0 again is late.
            await("forecasts up to day 10", () -> rest.sum(".tidewise.forecastsIssued") >= SYMBOLS.size() * 10);
            kafka.produce(SYMBOLS.stream().map(symbol -> record(symbol, 0, 1.0)).toList());
            int late = SYMBOLS.size();

            await("every record counted", () -> rest.sum(".tidewise.stream." + STREAM + ".recordsIn")
                    == good + bad + late && rest.sum(".tidewise.stream." + STREAM + ".lateObservations") == late);
            assertThat(rest.sum(".tidewise.stream." + STREAM + ".observations")).isEqualTo(good + late);
            assertThat(rest.sum(".tidewise.stream." + STREAM + ".deadLetters")).isEqualTo(bad);
            for (Map.Entry<String, List<String>> reason : BAD.entrySet()) {
                assertThat(rest.sum(".tidewise.stream." + STREAM + ".reason." + reason.getKey() + ".deadLetters"))
                        .as("dead letters of reason %s", reason.getKey()).isEqualTo(reason.getValue().size());
            }
            double issued = rest.sum(".tidewise.forecastsIssued");
            // REST shows a histogram's statistics but not its count: counts are checked in the reporter's output below.
            assertThat(rest.operatorMetrics(id -> id.endsWith(".tidewise.forecastLatencyMs_p99")).values())
                    .isNotEmpty().allSatisfy(p99 -> assertThat(p99).isBetween(0.0, 60_000.0));
            assertThat(rest.operatorMetrics(id -> id.endsWith(".tidewise.batchSize_max")).values())
                    .isNotEmpty().allSatisfy(size -> assertThat(size).isBetween(1.0, 64.0));
            await("observations and forecasts acknowledged by InfluxDB",
                    () -> sinkPoints(rest, "observations_sink") == good + late
                            && sinkPoints(rest, "forecasts_sink") == issued * HORIZON);
            assertThat(rest.sum(".tidewise.influxWriteErrors")).isZero();
            assertThat(rest.sum(".tidewise.influxWriteRetries")).isZero();
            await("a checkpoint's duration", () -> rest.jobMetric("lastCheckpointDuration") >= 0);

            // The dead_letter measurement: counts per stream and reason, summed over the intervals.
            await("dead-letter counts in InfluxDB", () -> InfluxQueries.rows(series,
                    "SELECT SUM(\"count\") FROM \"dead_letter\" GROUP BY \"stream\", \"reason\"").size() == 3);
            List<String> counts = InfluxQueries.rows(series,
                    "SELECT SUM(\"count\") FROM \"dead_letter\" GROUP BY \"stream\", \"reason\"");
            assertThat(counts).containsExactlyInAnyOrder(
                    "reason=bad_timestamp,stream=" + STREAM + " 2", "reason=malformed_json,stream=" + STREAM + " 3",
                    "reason=missing_field,stream=" + STREAM + " 1");

            // The reporter's database: the latest report of every subtask, summed.
            await("the reporter's counts", () -> InfluxQueries.rows(metrics, "SELECT SUM(\"count\") FROM "
                    + "(SELECT LAST(\"count\") AS \"count\" FROM \"taskmanager_job_task_operator_tidewise_stream_recordsIn\""
                    + " GROUP BY \"subtask_index\", \"stream\") GROUP BY \"stream\"")
                    .equals(List.of("stream=" + STREAM + " " + (good + bad + late))));
            await("the reporter's dead letters by reason", () -> InfluxQueries.rows(metrics, "SELECT SUM(\"count\")"
                    + " FROM (SELECT LAST(\"count\") AS \"count\" FROM "
                    + "\"taskmanager_job_task_operator_tidewise_stream_reason_deadLetters\" GROUP BY \"subtask_index\","
                    + " \"stream\", \"reason\") GROUP BY \"reason\"").size() == 3);
            assertThat(InfluxQueries.rows(metrics, "SELECT SUM(\"count\") FROM (SELECT LAST(\"count\") AS \"count\" "
                    + "FROM \"taskmanager_job_task_operator_tidewise_stream_reason_deadLetters\" GROUP BY "
                    + "\"subtask_index\", \"stream\", \"reason\") GROUP BY \"reason\""))
                    .containsExactlyInAnyOrder("reason=bad_timestamp 2", "reason=malformed_json 3",
                            "reason=missing_field 1");
            await("the checkpoint duration reported", () -> !InfluxQueries.rows(metrics,
                    "SELECT LAST(\"value\") FROM \"jobmanager_job_lastCheckpointDuration\"").isEmpty());

            assertThat(reportedSum(".tidewise.forecastLatencyMs", "count"))
                    .as("a latency for every forecast written").isEqualTo((long) issued);
            assertThat(reportedSum(".tidewise.batchSize", "count")).isEqualTo((long) rest.sum(".forecastBatches"));
            assertThat(reportedSum(".tidewise.stream." + STREAM + ".lateObservations", "count")).isEqualTo(late);

            assertThat(OperationsDashboardCheck.runEveryQuery(metrics, series, STREAM)).hasSize(15);
            captureForTheWebApp(rest, job);
        } finally {
            job.cancel().get();
        }
    }

    private static double sinkPoints(FlinkRestMetrics rest, String sink) throws Exception {
        return rest.operatorMetrics(id -> id.contains(sink) && id.endsWith(".tidewise.influxPointsWritten"))
                .values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The latest reported value of {@code field} of every subtask, summed: {@code metric} is the REST id's tail
     * (e.g. {@code .tidewise.batchSize}), found in the reporter's measurement of the same name.
     */
    private static long reportedSum(String metric, String field) throws Exception {
        String measurement = "taskmanager_job_task_operator" + metric.replace('.', '_')
                .replace("_stream_" + STREAM, "_stream");
        String query = "SELECT SUM(\"" + field + "\") FROM (SELECT LAST(\"" + field + "\") AS \"" + field
                + "\" FROM \"" + measurement + "\" GROUP BY \"subtask_index\", \"operator_name\")";
        long[] latest = {-1};
        await("a stable report of " + measurement, () -> {
            List<String> rows = InfluxQueries.rows(metrics, query);
            long now = rows.isEmpty() ? -1 : Long.parseLong(rows.get(0));
            boolean stable = now >= 0 && now == latest[0];
            latest[0] = now;
            Thread.sleep(600); // one report interval: the same sum twice means the reports have caught up
            return stable;
        });
        return latest[0];
    }

    private static JobClient submit() throws Exception {
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(DEFINITION, "metrics-ticks.yaml")),
                        new SeriesSettings(Frequency.parse("1h"), 1)))
                .setForecasterFactory(LastValueForecaster.factory(32))
                .setContextLength(32)
                .optOutOfOrderness(Duration.ofDays(1))
                .optSourceIdleness(Duration.ofMillis(300))
                .optCheckpointInterval(Duration.ofMillis(300))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        TidewiseJob.buildFromRecords(env,
                KafkaEdges.rawRecords(kafka.bootstrapServers(), List.of(TOPIC), "metrics-test", false),
                new RecordMapping(List.of(new DefinitionText("metrics-ticks.yaml", DEFINITION)), null),
                settings,
                new TidewiseSinks(InfluxSink.observations(series), InfluxSink.forecasts(series),
                        InfluxSink.accuracy(series), null, InfluxSink.deadLetterCounts(series)),
                KafkaEdges.deadLetters(kafka.bootstrapServers(), "metrics.deadletter"));
        return env.executeAsync("metrics-test");
    }

    /**
     * Saves, when {@code -Dtidewise.captureFlinkRest=true}, the REST answers the web app's Health view asks for
     * (the job list, each vertex's metric list and its tidewise metrics' values, backpressure, checkpoints) under
     * {@code target/flink-rest-capture}, with {@code index.txt} naming the path of each: ui's Health tests parse them.
     */
    private static void captureForTheWebApp(FlinkRestMetrics rest, JobClient job) throws Exception {
        if (!Boolean.getBoolean("tidewise.captureFlinkRest")) {
            return;
        }
        FlinkRestMetrics capture = new FlinkRestMetrics(flink.getRestAddress().get().toString(),
                job.getJobID().toHexString());
        String jobPath = "/jobs/" + job.getJobID().toHexString();
        capture.get("/overview");
        capture.get("/jobs/overview");
        capture.get(jobPath + "/checkpoints");
        capture.get(jobPath + "/metrics?get=lastCheckpointDuration");
        for (com.fasterxml.jackson.databind.JsonNode vertex : capture.get(jobPath).path("vertices")) {
            String vertexPath = jobPath + "/vertices/" + vertex.path("id").asText();
            capture.get(vertexPath + "/backpressure");
            List<String> ids = new ArrayList<>();
            capture.get(vertexPath + "/metrics").forEach(metric -> {
                if (metric.path("id").asText().contains(".tidewise.")) {
                    ids.add(metric.path("id").asText());
                }
            });
            if (!ids.isEmpty()) {
                capture.get(vertexPath + "/metrics?get=" + java.net.URLEncoder.encode(String.join(",", ids),
                        StandardCharsets.UTF_8));
            }
        }
        Path folder = Files.createDirectories(Path.of("target", "flink-rest-capture"));
        int n = 0;
        StringBuilder index = new StringBuilder();
        for (Map.Entry<String, String> answer : capture.answers().entrySet()) {
            String file = String.format("%02d.json", n++);
            Files.writeString(folder.resolve(file), answer.getValue());
            index.append(file).append(' ').append(answer.getKey()).append('\n');
        }
        Files.writeString(folder.resolve("index.txt"), index.toString());

        // The reporter's output the operations dashboard reads, and the dead_letter points: the compose stack's
        // dashboard test (cli's GrafanaDashboardTest) writes them into its influxd.
        List<String> lines = new ArrayList<>(InfluxQueries.lineProtocol(metrics,
                "/^(taskmanager_job_task_operator_tidewise_|jobmanager_job_lastCheckpointDuration$)/"));
        lines.addAll(InfluxQueries.lineProtocol(series, "/^dead_letter$/"));
        Files.write(Path.of("target", "reporter-capture.lp"), lines);
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String symbol, int day, double price) {
        String json = "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"ts\":"
                + DAILY.add(START, day).toEpochMilli() + "}";
        return new ProducerRecord<>(TOPIC, symbol.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<byte[], byte[]> record(String text) {
        return new ProducerRecord<>(TOPIC, null, text.getBytes(StandardCharsets.UTF_8));
    }
}
