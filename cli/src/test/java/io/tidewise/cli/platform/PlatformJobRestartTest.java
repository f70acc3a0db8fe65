package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.InfluxQueries;
import io.tidewise.ui.streams.RestartResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's restart of the embedded job (real broker, real {@code influxd}, the job on a MiniCluster, through
 * {@link Platform} and the {@link EmbeddedJobRestarter} that {@code tidewise run} hands to the web app): a stream
 * definition written while the job runs takes effect after the restart, and the stream that was already running
 * loses and repeats nothing across it.
 */
class PlatformJobRestartTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Frequency HOURLY = Frequency.parse("1h");
    private static final List<String> SYMBOLS = List.of("ACME", "INITECH");
    private static final List<String> METERS = List.of("m1", "m2", "m3");
    private static final int HOURS_BEFORE = 30;
    private static final int HOURS_AFTER = 20;
    private static final int METER_HOURS = 12;
    private static final String TICKS = """
            name: job-restart-ticks
            topic: job-restart.ticks
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
    private static final String METERS_DEFINITION = """
            name: job-restart-meters
            topic: job-restart.meters
            format: json
            series: energy/{/meter}/kw
            timestamp:
              field: /at
              format: epoch_ms
            value: /kw
            domain: energy
            frequency: 1h
            horizon: 3
            """;

    @TempDir
    Path dir;

    @Test
    void aDefinitionWrittenWhileTheJobRunsTakesEffectOnRestartAndTheRunningStreamLosesAndRepeatsNothing()
            throws Exception {
        Path streams = Files.createDirectories(dir.resolve("streams"));
        Files.writeString(streams.resolve("job-restart-ticks.yaml"), TICKS);
        Path model = TinyCheckpoint.create(dir.resolve("tiny"));
        StringWriter console = new StringWriter();
        try (Platform platform = Platform.builder()
                .setStreams(streams)
                .setModel(model)
                .optDataDirectory(dir.resolve("data"))
                .optFlinkRestPort(0)
                .optSeriesPerDomain(0)
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build()
                .start();
                KafkaProducer<String, String> producer = producer(platform.kafkaBootstrap())) {
            EmbeddedJobRestarter restarter = new EmbeddedJobRestarter(platform, new PrintWriter(console, true));
            assertThat(restarter.available()).isTrue();
            sendTicks(producer, 0, HOURS_BEFORE);
            awaitStored(platform.queries(), SYMBOLS, "stock/%s/close", HOURS_BEFORE, Duration.ofSeconds(60));
            String flinkUrl = platform.flinkUrl();

            // the meters' topic already holds records when their definition is saved: the new job reads it from its
            // start
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    platform.kafkaBootstrap()))) {
                admin.createTopics(List.of(new NewTopic("job-restart.meters", 1, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            sendMeters(producer, 0, METER_HOURS / 2);
            Files.writeString(streams.resolve("job-restart-meters.yaml"), METERS_DEFINITION);
            CompletableFuture<RestartResult> restart = CompletableFuture.supplyAsync(restarter::restart);
            awaitTrue(() -> !platform.canRestartJob() || restart.isDone(), Duration.ofSeconds(10));
            // stopping with a savepoint alone takes seconds: the second request comes while the first runs
            assertThat(restart).as("the restart still runs").isNotDone();
            assertThat(restarter.available()).as("offered while a restart runs").isFalse();
            assertThatThrownBy(platform::restartJob).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already under way");
            RestartResult result = restart.get(150, TimeUnit.SECONDS);

            Path savepoint = Path.of(result.savepoint());
            assertThat(savepoint.getParent()).isEqualTo(platform.dataDirectory().savepoints());
            assertThat(savepoint.resolve("_metadata")).isRegularFile();
            assertThat(platform.resumedFrom()).contains(savepoint);
            assertThat(restoredFrom(platform.flinkUrl())).as("what Flink says the running job restored")
                    .isEqualTo(savepoint.toUri().toString().replaceFirst("^file:///", "file:/").replaceAll("/$", ""));
            assertThat(platform.flinkUrl()).as("the REST address the platform announced").isEqualTo(flinkUrl);
            assertThat(result.state()).contains("job-restart-meters", "job-restart-ticks");
            assertThat(console.toString()).contains("job restarted from savepoint " + savepoint);

            sendTicks(producer, HOURS_BEFORE, HOURS_BEFORE + HOURS_AFTER);
            sendMeters(producer, METER_HOURS / 2, METER_HOURS);
            Map<String, Integer> ticks = awaitStored(platform.queries(), SYMBOLS, "stock/%s/close",
                    HOURS_BEFORE + HOURS_AFTER, Duration.ofSeconds(60));
            Map<String, Integer> meters = awaitStored(platform.queries(), METERS, "energy/%s/kw", METER_HOURS,
                    Duration.ofSeconds(60));
            System.out.println("Job restart from the web app: took " + result.took().toMillis() + " ms, savepoint "
                    + dir.relativize(savepoint) + "; ticks stored per series " + ticks + " (sent "
                    + (HOURS_BEFORE + HOURS_AFTER) + " each, " + HOURS_BEFORE + " before the restart); meters stored "
                    + meters + " (sent " + METER_HOURS + " each, " + METER_HOURS / 2 + " before the definition was saved)");
            for (String symbol : SYMBOLS) {
                List<Observation> stored = platform.queries().history(SeriesId.of("stock/" + symbol + "/close"));
                for (int hour = 0; hour < HOURS_BEFORE + HOURS_AFTER; hour++) {
                    assertThat(stored.get(hour).timestamp()).isEqualTo(HOURLY.add(START, hour));
                    assertThat(stored.get(hour).value()).isEqualTo(price(symbol, hour));
                }
            }
            assertThat(platform.status().deadLetters()).as("records the job could not map").isZero();
        }
    }

    @Test
    void aPlatformStoppedRightAfterARestartResumesFromItsSavepointUntilANewerCheckpointExists() throws Exception {
        try (DataDirectory data = DataDirectory.open(dir.resolve("data"))) {
            Instant now = Instant.now();
            Path oldCheckpoint = metadataAt(data.checkpoints().resolve("old-job/chk-7"), now.minusSeconds(60));
            Path older = metadataAt(data.savepoints().resolve("savepoint-aaaaaa-1"), now.minusSeconds(30));
            Path savepoint = metadataAt(data.savepoints().resolve("savepoint-bbbbbb-2"), now.minusSeconds(20));
            assertThat(data.latestCheckpoint()).contains(savepoint);

            data.deleteSavepointsOtherThan(savepoint);
            assertThat(older).doesNotExist();
            assertThat(savepoint).exists();
            assertThat(oldCheckpoint).exists();

            Path newer = metadataAt(data.checkpoints().resolve("new-job/chk-1"), now.minusSeconds(10));
            assertThat(data.latestCheckpoint()).contains(newer);
        }
    }

    private static Path metadataAt(Path folder, Instant written) throws Exception {
        Files.createDirectories(folder);
        Path metadata = Files.writeString(folder.resolve("_metadata"), "test");
        Files.setLastModifiedTime(metadata, java.nio.file.attribute.FileTime.from(written));
        return folder;
    }

    /** The external path of the checkpoint or savepoint the running job restored, from Flink's REST API. */
    private static String restoredFrom(String flinkUrl) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String overview = get(http, flinkUrl + "/jobs/overview");
        java.util.regex.Matcher running = java.util.regex.Pattern
                .compile("\\{\"jid\":\"([0-9a-f]+)\"[^}]*\"state\":\"RUNNING\"").matcher(overview);
        assertThat(running.find()).as("a running job in %s", overview).isTrue();
        String checkpoints = get(http, flinkUrl + "/jobs/" + running.group(1) + "/checkpoints");
        java.util.regex.Matcher restored = java.util.regex.Pattern
                .compile("\"restored\":\\{[^}]*\"external_path\":\"([^\"]+)\"").matcher(checkpoints);
        assertThat(restored.find()).as("a restored checkpoint in %s", checkpoints).isTrue();
        return restored.group(1).replaceAll("/$", "");
    }

    private static String get(java.net.http.HttpClient http, String url) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static void sendTicks(KafkaProducer<String, String> producer, int from, int to) {
        for (int hour = from; hour < to; hour++) {
            for (String symbol : SYMBOLS) {
                producer.send(new ProducerRecord<>("job-restart.ticks", symbol, "{\"symbol\":\"" + symbol
                        + "\",\"ts\":" + HOURLY.add(START, hour).toEpochMilli() + ",\"price\":" + price(symbol, hour)
                        + "}"));
            }
        }
        producer.flush();
    }

    private static void sendMeters(KafkaProducer<String, String> producer, int from, int to) {
        for (int hour = from; hour < to; hour++) {
            for (String meter : METERS) {
                producer.send(new ProducerRecord<>("job-restart.meters", meter, "{\"meter\":\"" + meter
                        + "\",\"at\":" + HOURLY.add(START, hour).toEpochMilli() + ",\"kw\":" + (hour + 0.5) + "}"));
            }
        }
        producer.flush();
    }

    private static double price(String symbol, int hour) {
        return 100 + symbol.length() + hour * 0.25;
    }

    /**
     * Waits until every series holds {@code expected} observations, then for two more seconds in which the counts
     * must not grow, and returns them: more than expected is a duplicate, fewer after the timeout a loss.
     */
    private static Map<String, Integer> awaitStored(InfluxQueries queries, List<String> keys, String seriesFormat,
            int expected, Duration timeout) throws Exception {
        awaitTrue(() -> counts(queries, keys, seriesFormat).values().stream().allMatch(count -> count >= expected),
                timeout);
        Thread.sleep(2000);
        Map<String, Integer> counts = counts(queries, keys, seriesFormat);
        assertThat(counts).as("observations per series").allSatisfy((key, count) -> assertThat(count)
                .isEqualTo(expected));
        return counts;
    }

    private static Map<String, Integer> counts(InfluxQueries queries, List<String> keys, String seriesFormat) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String key : keys) {
            counts.put(key, queries.history(SeriesId.of(String.format(seriesFormat, key))).size());
        }
        return counts;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
