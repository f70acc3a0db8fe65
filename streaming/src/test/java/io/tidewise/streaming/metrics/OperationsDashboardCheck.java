package io.tidewise.streaming.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.store.InfluxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs every query of the operations dashboard ({@code deploy/grafana/dashboards/tidewise-operations.json}) as
 * Grafana would, against databases that hold a real run's output, and requires each to answer with data: a
 * misspelt measurement, field or tag answers nothing, and fails here.
 */
final class OperationsDashboardCheck {
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "tidewise-operations.json");

    /** The provisioned data sources' uids: the reporter's database, and the series' (for dead_letter). */
    static final String METRICS_SOURCE = "tidewise-metrics";
    static final String SERIES_SOURCE = "tidewise-influxdb";

    private OperationsDashboardCheck() {}

    /** @return the queries run, as sent */
    static List<String> runEveryQuery(InfluxSettings metrics, InfluxSettings series, String stream)
            throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        List<String> sent = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                String query = variable.path("query").asText();
                assertThat(InfluxQueries.rows(database(variable.path("datasource"), metrics, series), query))
                        .as("variable %s: %s", variable.path("name").asText(), query).contains(stream);
                sent.add(query);
            }
        }
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String query = target.path("query").asText()
                        .replace("$timeFilter", "time > now() - 1h")
                        .replace("$__interval", "1s")
                        .replace("$stream", Pattern.quote(stream).replace("\\Q", "").replace("\\E", ""));
                List<String> rows = InfluxQueries.rows(database(target.path("datasource"), metrics, series), query);
                assertThat(rows).as("panel '%s' %s: %s", panel.path("title").asText(),
                        target.path("refId").asText(), query).isNotEmpty().anyMatch(row -> !row.endsWith("null"));
                sent.add(query);
            }
        }
        return sent;
    }

    private static InfluxSettings database(JsonNode datasource, InfluxSettings metrics, InfluxSettings series) {
        String uid = datasource.path("uid").asText();
        return switch (uid) {
            case METRICS_SOURCE -> metrics;
            case SERIES_SOURCE -> series;
            default -> throw new AssertionError("the dashboard's data sources must be " + METRICS_SOURCE + " or "
                    + SERIES_SOURCE + " (deploy/grafana/provisioning/datasources), was '" + uid + "'");
        };
    }
}
