package io.tidewise.streaming.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a job's metrics back through Flink's REST API, as an operator (or the web app's Health view) would. */
final class FlinkRestMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String jobId;
    private final HttpClient client = HttpClient.newHttpClient();
    /** The raw answers, by path, for the web app's tests (captured from a real run). */
    private final Map<String, String> answers = new LinkedHashMap<>();

    FlinkRestMetrics(String baseUrl, String jobId) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.jobId = jobId;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        answers.put(path, response.body());
        return JSON.readTree(response.body());
    }

    Map<String, String> answers() {
        return answers;
    }

    /** Every operator metric of the job whose id (e.g. {@code 0.record_mapping.tidewise.recordsIn}) matches. */
    Map<String, Double> operatorMetrics(Predicate<String> id) throws IOException, InterruptedException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            String vertexPath = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode metric : get(vertexPath)) {
                if (id.test(metric.path("id").asText())) {
                    ids.add(metric.path("id").asText());
                }
            }
            if (ids.isEmpty()) {
                continue;
            }
            for (JsonNode metric : get(vertexPath + "?get=" + URLEncoder.encode(String.join(",", ids),
                    StandardCharsets.UTF_8))) {
                values.put(metric.path("id").asText(), metric.path("value").asDouble());
            }
        }
        return values;
    }

    /** The sum over subtasks (and operators) of the metrics whose id ends with {@code suffix}. */
    double sum(String suffix) throws IOException, InterruptedException {
        return operatorMetrics(id -> id.endsWith(suffix)).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A job-level metric such as {@code lastCheckpointDuration}, or NaN while Flink has none. */
    double jobMetric(String name) throws IOException, InterruptedException {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=" + name)) {
            return metric.path("value").asDouble();
        }
        return Double.NaN;
    }
}
