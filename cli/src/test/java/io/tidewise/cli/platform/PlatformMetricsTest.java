package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.streaming.metrics.MetricsReporting;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded platform reports the job's metrics into InfluxDB's {@value MetricsReporting#DEFAULT_DATABASE}, where
 * the operations dashboard reads them: records in for every demo stream arrive there while the platform runs.
 */
class PlatformMetricsTest {
    private static final Path STREAMS = Path.of("..", "streams");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theJobsMetricsReachTheMetricsDatabase() throws Exception {
        Platform platform = Platform.builder()
                .setStreams(STREAMS)
                .setModel(TinyCheckpoint.create(dir.resolve("tiny")))
                .optDataDirectory(dir.resolve("data"))
                .optSeriesPerDomain(1)
                .optHistorySteps(24)
                .optRate(500)
                .optSpeed(SpeedFactor.parse("60x"))
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build();
        try {
            platform.start();
            String query = "SELECT LAST(\"count\") FROM \"taskmanager_job_task_operator_tidewise_stream_recordsIn\""
                    + " GROUP BY \"stream\"";
            Set<String> streams = new TreeSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (streams.size() < 3 && System.nanoTime() < deadline) {
                streams.clear();
                for (JsonNode series : query(platform.influxUrl(), query).path("results").path(0).path("series")) {
                    if (series.path("values").path(0).path(1).asLong() > 0) {
                        streams.add(series.path("tags").path("stream").asText());
                    }
                }
                Thread.sleep(1_000);
            }
            assertThat(streams).as("streams with records in, reported into %s",
                    MetricsReporting.DEFAULT_DATABASE).hasSize(3);
        } finally {
            platform.close();
        }
    }

    private static JsonNode query(String influxUrl, String influxQl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                influxUrl + "/query?db=" + MetricsReporting.DEFAULT_DATABASE + "&q="
                        + URLEncoder.encode(influxQl, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
