package io.tidewise.ui.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a running job's {@link JobMetrics} from Flink's REST API: each vertex's metric list, the values of its
 * {@code tidewise} metrics (ids such as {@code 0.record_mapping.tidewise.stream.prices.recordsIn} or
 * {@code 1.dead-letter_counting.tidewise.stream.prices.reason.malformed_json.deadLetters}), and the job's
 * {@code lastCheckpointDuration}.
 */
final class JobMetricsReader {
    private static final String GROUP = ".tidewise.";
    private static final String STREAM = "stream.";
    private static final String REASON = ".reason.";

    private final FlinkApi flink;

    JobMetricsReader(FlinkApi flink) {
        this.flink = flink;
    }

    JobMetrics read(String jobId, String jobName) throws IOException, InterruptedException {
        String jobPath = "/jobs/" + jobId;
        Map<String, Long> recordsIn = new TreeMap<>();
        Map<String, Long> observations = new TreeMap<>();
        Map<String, Long> forecasts = new TreeMap<>();
        Map<String, Long> late = new TreeMap<>();
        Map<String, Long> deadLetters = new TreeMap<>();
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (JsonNode vertex : flink.get(jobPath).path("vertices")) {
            String metricsPath = jobPath + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : flink.get(metricsPath)) {
                if (metric.path("id").asText().contains(GROUP)) {
                    ids.add(metric.path("id").asText());
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            JsonNode values = flink.get(metricsPath + "?get="
                    + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8));
            for (JsonNode metric : values) {
                String id = metric.path("id").asText();
                String name = id.substring(id.indexOf(GROUP) + GROUP.length());
                double value = metric.path("value").asDouble(Double.NaN);
                if (Double.isNaN(value)) {
                    continue;
                }
                if (name.equals("forecastLatencyMs_median")) {
                    p50 = Double.isNaN(p50) ? value : Math.max(p50, value);
                } else if (name.equals("forecastLatencyMs_p99")) {
                    p99 = Double.isNaN(p99) ? value : Math.max(p99, value);
                } else if (name.startsWith(STREAM)) {
                    addStreamMetric(name.substring(STREAM.length()), (long) value, recordsIn, observations,
                            forecasts, late, deadLetters);
                }
            }
        }
        double checkpoint = Double.NaN;
        for (JsonNode metric : flink.get(jobPath + "/metrics?get=lastCheckpointDuration")) {
            checkpoint = metric.path("value").asDouble(Double.NaN);
        }
        return new JobMetrics(jobName, recordsIn, observations, forecasts, late, deadLetters, p50, p99, checkpoint);
    }

    /** {@code <stream>.<metric>} or {@code <stream>.reason.<reason>.deadLetters}; a stream name may hold dots. */
    private static void addStreamMetric(String name, long value, Map<String, Long> recordsIn,
            Map<String, Long> observations, Map<String, Long> forecasts, Map<String, Long> late,
            Map<String, Long> deadLetters) {
        int lastDot = name.lastIndexOf('.');
        String metric = name.substring(lastDot + 1);
        int reason = name.lastIndexOf(REASON);
        if (reason >= 0 && metric.equals("deadLetters")) {
            deadLetters.merge(name.substring(reason + REASON.length(), lastDot), value, Long::sum);
            return;
        }
        String stream = name.substring(0, lastDot);
        switch (metric) {
            case "recordsIn" -> recordsIn.merge(stream, value, Long::sum);
            case "observations" -> observations.merge(stream, value, Long::sum);
            case "forecastsRequested" -> forecasts.merge(stream, value, Long::sum);
            case "lateObservations" -> late.merge(stream, value, Long::sum);
            default -> { } // per-stream totals shown elsewhere (deadLetters is shown by reason)
        }
    }
}
