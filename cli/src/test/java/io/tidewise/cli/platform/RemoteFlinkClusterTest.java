package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.core.Domain;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.store.SeriesSummary;
import io.tidewise.store.StoredForecast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./tidewise run --flink HOST:PORT}: the platform submits streaming's job jar to a real Flink standalone
 * session cluster (a job manager and a task manager in their own JVMs, {@link StandaloneFlinkCluster}), with the
 * in-process broker and a local {@code influxd}. Observations and forecasts of all three demo domains reach InfluxDB,
 * the cluster's REST API shows the job running, and closing the platform cancels it there.
 */
class RemoteFlinkClusterTest {
    private static final Path STREAMS = Path.of("..", "streams");
    /** Set by cli/pom.xml; the reactor packages streaming before cli's tests run. */
    private static final String STREAMING_TARGET_PROPERTY = "tidewise.streaming.target";

    @TempDir
    static Path clusterDirectory;

    private static Path jobJar;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        jobJar = streamingJobJar();
        cluster = StandaloneFlinkCluster.start(clusterDirectory, jobJar, 2, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void jobOnTheClusterStoresObservationsAndForecastsOfEveryDemoDomain(@TempDir Path dir) throws Exception {
        // As a user types it: a model path relative to the working directory. The cluster's processes run in
        // another directory, so the job must hand them an absolute path.
        Path model = Path.of("").toAbsolutePath().relativize(TinyCheckpoint.create(dir.resolve("tiny")));
        Platform platform = Platform.builder()
                .setStreams(STREAMS)
                .setModel(model)
                .optDataDirectory(dir.resolve("data"))
                .optFlink(cluster.restAddress(), jobJar)
                .optSeriesPerDomain(2)
                .optHistorySteps(48)
                .optRate(500)
                .optSpeed(SpeedFactor.parse("60x"))
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build();
        Map<Domain, StoredForecast> forecasts;
        String jobId;
        try {
            platform.start();
            assertThat(platform.flinkUrl()).isEqualTo("http://" + cluster.restAddress());
            List<JsonNode> running = jobsIn("RUNNING");
            assertThat(running).as("running jobs in %s/jobs/overview", platform.flinkUrl()).hasSize(1);
            jobId = running.get(0).path("jid").asText();

            forecasts = DemoForecasts.awaitForecastsOfEveryDomain(platform.queries(), Duration.ofSeconds(90));
            List<SeriesSummary> observed = platform.queries().series();
            assertThat(observed.stream().map(SeriesSummary::domain).collect(Collectors.toSet()))
                    .as("domains with observations in InfluxDB: %s", observed)
                    .containsExactlyInAnyOrderElementsOf(DemoForecasts.DEMO_DOMAINS);
            assertThat(forecasts).as("a forecast of each demo domain; observed: %s", observed)
                    .containsOnlyKeys(DemoForecasts.DEMO_DOMAINS);
            PlatformStatus status = platform.status();
            assertThat(status.seriesStored()).isEqualTo(6);
            assertThat(status.deadLetters()).isZero();
            assertThat(jobsIn("RUNNING")).as("the job still runs on the cluster")
                    .extracting(job -> job.path("jid").asText()).containsExactly(jobId);
        } catch (Exception | AssertionError e) {
            cluster.printLogs(System.err);
            throw e;
        } finally {
            platform.close();
        }

        DemoForecasts.assertWellFormed(forecasts.values(), "tiny@1");
        assertThat(jobsIn("CANCELED")).as("closing the platform cancels its job on the cluster")
                .extracting(job -> job.path("jid").asText()).containsExactly(jobId);
    }

    /** The jobs of {@code GET /jobs/overview} in this state. */
    private static List<JsonNode> jobsIn(String state) throws IOException, InterruptedException {
        List<JsonNode> jobs = new ArrayList<>();
        for (JsonNode job : cluster.get("/jobs/overview").path("jobs")) {
            if (state.equals(job.path("state").asText())) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    /**
     * Streaming's job jar as the build left it; a missing jar fails the test (skipping would hide that
     * {@code --flink} is untested).
     */
    private static Path streamingJobJar() throws IOException {
        Path target = Path.of(System.getProperty(STREAMING_TARGET_PROPERTY, "../streaming/target"));
        List<Path> jars = List.of();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jars = files.filter(file -> file.getFileName().toString().matches("tidewise-streaming-.*-job\\.jar"))
                        .toList();
            }
        }
        assertThat(jars).as("streaming's job jar (tidewise-streaming-*-job.jar) in %s (system property %s): build it"
                + " with `./mvnw -pl streaming package -DskipTests`", target.toAbsolutePath(),
                STREAMING_TARGET_PROPERTY).hasSize(1);
        return jars.get(0).toAbsolutePath();
    }
}
