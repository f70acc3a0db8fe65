package io.tidewise.streaming.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.store.InfluxSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * InfluxQL over InfluxDB's HTTP API ({@code /query}), as Grafana sends it, with answers as text rows
 * ({@code tag=value,... value}) for exact assertions. Plain HTTP: only the store module uses the InfluxDB client.
 */
final class InfluxQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private InfluxQueries() {}

    /** One row per returned point: its tags in name order, then its last column; a refused query fails. */
    static List<String> rows(InfluxSettings settings, String influxQl) {
        List<String> rows = new ArrayList<>();
        for (JsonNode series : series(settings, influxQl)) {
            Map<String, String> tags = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = series.path("tags").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> tag = fields.next();
                tags.put(tag.getKey(), tag.getValue().asText());
            }
            StringBuilder head = new StringBuilder();
            tags.forEach((key, value) -> head.append(head.length() == 0 ? "" : ",").append(key).append('=')
                    .append(value));
            for (JsonNode values : series.path("values")) {
                JsonNode last = values.get(values.size() - 1);
                String value = last.isNumber() && last.asDouble() == Math.rint(last.asDouble())
                        ? Long.toString(last.asLong()) : last.asText();
                rows.add(head.length() == 0 ? value : head + " " + value);
            }
        }
        return rows;
    }

    /**
     * Every point of the measurements whose names match {@code measurements} (an InfluxQL regex), as InfluxDB's line
     * protocol with nanosecond times: a capture of real output, to be written again elsewhere.
     */
    static List<String> lineProtocol(InfluxSettings settings, String measurements) {
        List<String> lines = new ArrayList<>();
        for (String measurement : rows(settings, "SHOW MEASUREMENTS WITH MEASUREMENT =~ " + measurements)) {
            String from = "\"" + measurement + "\"";
            List<String> tags = rows(settings, "SHOW TAG KEYS FROM " + from);
            Map<String, String> fieldTypes = new TreeMap<>();
            for (JsonNode series : series(settings, "SHOW FIELD KEYS FROM " + from)) {
                series.path("values").forEach(row -> fieldTypes.put(row.get(0).asText(), row.get(1).asText()));
            }
            for (JsonNode series : series(settings, "SELECT * FROM " + from, "ns")) {
                List<String> columns = new ArrayList<>();
                series.path("columns").forEach(column -> columns.add(column.asText()));
                for (JsonNode row : series.path("values")) {
                    StringBuilder line = new StringBuilder(escape(measurement));
                    StringBuilder fields = new StringBuilder();
                    for (int c = 1; c < columns.size(); c++) {
                        JsonNode value = row.get(c);
                        if (value.isNull()) {
                            continue;
                        }
                        String column = columns.get(c);
                        if (tags.contains(column)) {
                            line.append(',').append(escape(column)).append('=').append(escape(value.asText()));
                        } else {
                            fields.append(fields.length() == 0 ? "" : ",").append(escape(column)).append('=')
                                    .append(fieldValue(value, fieldTypes.get(column)));
                        }
                    }
                    lines.add(line + " " + fields + " " + row.get(0).asLong());
                }
            }
        }
        return lines;
    }

    private static String escape(String key) {
        return key.replace(",", "\\,").replace(" ", "\\ ").replace("=", "\\=");
    }

    private static String fieldValue(JsonNode value, String type) {
        return switch (type) {
            case "integer" -> value.asLong() + "i";
            case "float" -> Double.toString(value.asDouble());
            case "boolean" -> Boolean.toString(value.asBoolean());
            default -> "\"" + value.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        };
    }

    /** The series of an answer; throws with InfluxDB's message when the query is refused. */
    static List<JsonNode> series(InfluxSettings settings, String influxQl) {
        return series(settings, influxQl, null);
    }

    private static List<JsonNode> series(InfluxSettings settings, String influxQl, String epoch) {
        String uri = settings.url() + "/query?db=" + URLEncoder.encode(settings.database(), StandardCharsets.UTF_8)
                + (epoch == null ? "" : "&epoch=" + epoch)
                + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || answer.has("error")) {
                throw new AssertionError("InfluxDB refused " + influxQl + ": " + response.body());
            }
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode result : answer.path("results")) {
                if (result.has("error")) {
                    throw new AssertionError("InfluxDB refused " + influxQl + ": " + result.path("error").asText());
                }
                result.path("series").forEach(all::add);
            }
            return all;
        } catch (IOException e) {
            throw new AssertionError("InfluxDB did not answer " + influxQl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted querying " + influxQl, e);
        }
    }
}
