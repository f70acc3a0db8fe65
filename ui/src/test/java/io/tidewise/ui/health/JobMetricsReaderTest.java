package io.tidewise.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job's metrics as the Health view reads them, from Flink REST answers captured from a real MiniCluster run of
 * the job (resources {@code flink-rest/}, see its SOURCE.txt): 40 good records, 6 bad (3 malformed JSON, 2 bad
 * timestamps, 1 missing field) and 2 late ones on the stream {@code metrics-ticks}.
 */
class JobMetricsReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sumsTheCapturedJobsMetricsPerStreamAndPerReason() throws Exception {
        CapturedFlink flink = new CapturedFlink();
        JsonNode job = flink.get("/jobs/overview").path("jobs").get(0);
        JobMetrics metrics = new JobMetricsReader(flink).read(job.path("jid").asText(), job.path("name").asText());

        assertThat(metrics.job()).isEqualTo("metrics-test");
        assertThat(metrics.recordsIn()).containsExactly(Map.entry("metrics-ticks", 48L));
        assertThat(metrics.observations()).containsExactly(Map.entry("metrics-ticks", 42L));
        assertThat(metrics.lateObservations()).containsExactly(Map.entry("metrics-ticks", 2L));
        assertThat(metrics.deadLettersByReason()).containsExactly(Map.entry("bad_timestamp", 2L),
                Map.entry("malformed_json", 3L), Map.entry("missing_field", 1L));
        assertThat(metrics.forecasts()).containsExactly(Map.entry("metrics-ticks", flink.sumOf(".forecastsIssued")));
        assertThat(metrics.forecastLatencyP50Ms()).isPositive().isLessThanOrEqualTo(metrics.forecastLatencyP99Ms());
        assertThat(metrics.lastCheckpointMs()).isEqualTo(flink.get("/jobs/" + job.path("jid").asText()
                + "/metrics?get=lastCheckpointDuration").get(0).path("value").asDouble());

        assertThat(HealthService.lines(metrics)).contains(
                new MetricLine("health.metric.recordsIn", "metrics-ticks", "48"),
                new MetricLine("health.metric.late", "metrics-ticks", "2"),
                new MetricLine("health.metric.deadLetters", "malformed_json", "3"))
                .anyMatch(line -> line.key().equals("health.metric.forecastLatency")
                        && line.value().matches("p50 \\d+ ms, p99 \\d+ ms"));
    }

    @Test
    void aJobWithoutTidewiseMetricsYetHasEmptyCountsAndNoLatency() throws Exception {
        FlinkApi bare = path -> JSON.readTree(path.startsWith("/jobs/j1/vertices/") ? "[{\"id\":\"0.numRecordsIn\"}]"
                : path.endsWith("lastCheckpointDuration") ? "[]" : "{\"vertices\":[{\"id\":\"v1\"}]}");
        JobMetrics metrics = new JobMetricsReader(bare).read("j1", "tidewise");
        assertThat(metrics.recordsIn()).isEmpty();
        assertThat(metrics.forecastLatencyP50Ms()).isNaN();
        assertThat(HealthService.lines(metrics)).isEmpty();
    }

    /** Answers the captured paths (index.txt names the file of each); any other path is an error, as Flink's 404. */
    private static final class CapturedFlink implements FlinkApi {
        private final Map<String, String> files = new HashMap<>();

        CapturedFlink() throws IOException {
            for (String line : resource("index.txt").split("\n")) {
                if (!line.isBlank()) {
                    files.put(line.substring(line.indexOf(' ') + 1), line.substring(0, line.indexOf(' ')));
                }
            }
        }

        @Override
        public JsonNode get(String path) throws IOException {
            String file = files.get(path);
            if (file == null) {
                throw new IOException("GET " + path + " was not captured");
            }
            return JSON.readTree(resource(file));
        }

        /** The captured values of the metrics whose id ends with {@code suffix}, summed. */
        long sumOf(String suffix) throws IOException {
            long sum = 0;
            for (Map.Entry<String, String> file : files.entrySet()) {
                if (file.getKey().contains("/metrics?get=") && file.getKey().contains("/vertices/")) {
                    for (JsonNode metric : get(file.getKey())) {
                        if (metric.path("id").asText().endsWith(suffix)) {
                            sum += metric.path("value").asLong();
                        }
                    }
                }
            }
            return sum;
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = JobMetricsReaderTest.class.getResourceAsStream("flink-rest/" + name)) {
                if (in == null) {
                    throw new IOException("no test resource flink-rest/" + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
