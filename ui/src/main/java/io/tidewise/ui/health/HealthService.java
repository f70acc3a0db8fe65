package io.tidewise.ui.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.kafka.KafkaAdminService;
import io.tidewise.ui.kafka.KafkaUnavailableException;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Whether Kafka, the Flink job and InfluxDB answer now, with what each said, and the running job's key metrics
 * from Flink's REST API.
 */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class HealthService {
    private final KafkaAdminService kafka;
    private final FlinkRest flink;
    private final InfluxConnection influx;

    public HealthService(KafkaAdminService kafka, UiSettings settings, InfluxConnection influx) {
        this.kafka = kafka;
        this.flink = new FlinkRest(settings.flinkRest());
        this.influx = influx;
    }

    public List<ComponentHealth> check() {
        return List.of(kafka(), flink(), influx());
    }

    /** The key metrics of every running job, as rows; none when Flink does not answer (check() says why). */
    public List<MetricLine> jobMetrics() {
        try {
            List<MetricLine> lines = new ArrayList<>();
            JobMetricsReader reader = new JobMetricsReader(flink);
            for (JsonNode job : flink.get("/jobs/overview").path("jobs")) {
                if ("RUNNING".equals(job.path("state").asText())) {
                    lines.addAll(lines(reader.read(job.path("jid").asText(), job.path("name").asText())));
                }
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Records in, observations, forecasts and late records per stream; dead letters per reason; latency; checkpoint. */
    static List<MetricLine> lines(JobMetrics metrics) {
        List<MetricLine> lines = new ArrayList<>();
        metrics.recordsIn().forEach((stream, count) -> {
            lines.add(new MetricLine("health.metric.recordsIn", stream, Long.toString(count)));
            lines.add(new MetricLine("health.metric.observations", stream,
                    Long.toString(metrics.observations().getOrDefault(stream, 0L))));
            lines.add(new MetricLine("health.metric.forecasts", stream,
                    Long.toString(metrics.forecasts().getOrDefault(stream, 0L))));
            lines.add(new MetricLine("health.metric.late", stream,
                    Long.toString(metrics.lateObservations().getOrDefault(stream, 0L))));
        });
        metrics.deadLettersByReason().forEach((reason, count) ->
                lines.add(new MetricLine("health.metric.deadLetters", reason, Long.toString(count))));
        if (!Double.isNaN(metrics.forecastLatencyP50Ms())) {
            lines.add(new MetricLine("health.metric.forecastLatency", metrics.job(),
                    String.format(java.util.Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", metrics.forecastLatencyP50Ms(),
                            metrics.forecastLatencyP99Ms())));
        }
        if (!Double.isNaN(metrics.lastCheckpointMs())) {
            lines.add(new MetricLine("health.metric.lastCheckpoint", metrics.job(),
                    String.format(java.util.Locale.ROOT, "%.0f ms", metrics.lastCheckpointMs())));
        }
        return lines;
    }

    private ComponentHealth kafka() {
        try {
            int brokers = kafka.brokerCount();
            return new ComponentHealth("kafka", kafka.bootstrap(), true, brokers + " broker(s)", null);
        } catch (KafkaUnavailableException e) {
            return new ComponentHealth("kafka", kafka.bootstrap(), false, e.getMessage(), "health.advice.kafka");
        }
    }

    private ComponentHealth flink() {
        try {
            JsonNode overview = flink.get("/overview");
            JsonNode jobs = flink.get("/jobs/overview").path("jobs");
            List<String> states = new ArrayList<>();
            boolean running = false;
            for (JsonNode job : jobs) {
                String state = job.path("state").asText();
                String line = job.path("name").asText() + ": " + state;
                if ("RUNNING".equals(state)) {
                    running = true;
                    line += " (" + checkpointsAndBackpressure(job.path("jid").asText()) + ")";
                }
                states.add(line);
            }
            String detail = "Flink " + overview.path("flink-version").asText("?") + ", "
                    + overview.path("taskmanagers").asInt() + " task manager(s), "
                    + overview.path("slots-available").asInt() + "/" + overview.path("slots-total").asInt()
                    + " slots free; jobs: " + (states.isEmpty() ? "none" : String.join(", ", states));
            return new ComponentHealth("flink", flink.baseUrl(), running, detail,
                    running ? null : "health.advice.flinkJob");
        } catch (IOException e) {
            return new ComponentHealth("flink", flink.baseUrl(), false, e.toString(), "health.advice.flink");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ComponentHealth("flink", flink.baseUrl(), false, "interrupted", "health.advice.flink");
        }
    }

    /** e.g. {@code checkpoints 12 completed, 0 failed, last 3 s ago; backpressure ok}. */
    private String checkpointsAndBackpressure(String jobId) throws IOException, InterruptedException {
        JsonNode checkpoints = flink.get("/jobs/" + jobId + "/checkpoints");
        JsonNode counts = checkpoints.path("counts");
        StringBuilder text = new StringBuilder("checkpoints " + counts.path("completed").asLong() + " completed, "
                + counts.path("failed").asLong() + " failed");
        long lastAck = checkpoints.path("latest").path("completed").path("latest_ack_timestamp").asLong(0);
        if (lastAck > 0) {
            text.append(", last ").append(Math.max(0, (System.currentTimeMillis() - lastAck) / 1000)).append(" s ago");
        }
        String worst = "ok";
        for (JsonNode vertex : flink.get("/jobs/" + jobId).path("vertices")) {
            String level = flink.get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/backpressure")
                    .path("backpressure-level").asText("ok");
            if (rank(level) > rank(worst)) {
                worst = level + " at " + vertex.path("name").asText();
            }
        }
        return text.append("; backpressure ").append(worst).toString();
    }

    private static int rank(String level) {
        return level.startsWith("high") ? 2 : level.startsWith("low") ? 1 : 0;
    }

    private ComponentHealth influx() {
        boolean up = influx.isReachable();
        return new ComponentHealth("influxdb", influx.url(), up, up ? "/ping answered" : "/ping did not answer",
                up ? null : "health.advice.influx");
    }
}
