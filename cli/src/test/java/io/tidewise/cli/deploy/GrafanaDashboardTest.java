package io.tidewise.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.AccuracyRecord;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.store.local.LocalInfluxd;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every Grafana dashboard under deploy/grafana/dashboards/ against a real {@code influxd} holding
 * points of every measurement, written by the store module as the streaming job writes them: each must run without
 * an error and return rows. Grafana's macros and template variables are substituted as Grafana does for InfluxQL
 * (a multi-value variable is regex-escaped), with every value the variable's own query returns, and "All".
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARDS = ComposeStack.ROOT.resolve("deploy/grafana/dashboards");
    private static final Path DATASOURCES = ComposeStack.ROOT.resolve("deploy/grafana/provisioning/datasources");
    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
    private static final int HOURS = 48;
    private static final String MODEL = "default@2";
    private static final String DATABASE = InfluxSchema.DEFAULT_DATABASE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path influxDirectory;

    private static LocalInfluxd influxd;
    private static HttpClient http;

    @BeforeAll
    static void startInfluxWithPointsOfEveryMeasurement() throws Exception {
        influxd = LocalInfluxd.builder().setDirectory(influxDirectory).build();
        influxd.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        InfluxSettings settings = InfluxSettings.builder().setUrl(influxd.url()).optDatabase(DATABASE).build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writeFixture(writer);
        }
    }

    @AfterAll
    static void stopInflux() {
        if (influxd != null) {
            influxd.close();
        }
    }

    /**
     * The data every dashboard query runs against: a point of every measurement the dashboards read, for two series
     * whose names need escaping in a regular expression. Dashboards reading a new measurement add its points here.
     */
    static void writeFixture(InfluxWriter writer) throws Exception {
        List<SeriesId> series = List.of(SeriesId.of("stock/AAPL/close"), SeriesId.of("traffic/I-94/westbound.volume"));
        QuantileLevels levels = QuantileLevels.DECILES;
        for (int s = 0; s < series.size(); s++) {
            SeriesId id = series.get(s);
            Domain domain = s == 0 ? Domain.STOCK : Domain.TRAFFIC;
            for (int hour = 0; hour < HOURS; hour++) {
                Instant time = T0.plus(Duration.ofHours(hour));
                double value = 100 + 10 * Math.sin(hour / 4.0) + s;
                writer.write(new Observation(id, time, value, domain));
                // the forecast for this hour, issued an hour before; and how it scored
                double[] quantiles = new double[levels.size()];
                for (int q = 0; q < quantiles.length; q++) {
                    quantiles[q] = value - 5 + 10 * levels.level(q);
                }
                writer.writeForecast(new Forecast(id, levels, List.of(new ForecastStep(1, time, value, quantiles))),
                        MODEL, time.minus(Duration.ofHours(1)));
                writer.writeAccuracy(new AccuracyRecord(id, MODEL, time, hour % 3, (hour % 3) / 2.0, hour % 5 != 0));
            }
        }
        // dead letters as the streaming job writes them: counts per stream, reason and interval
        for (int hour = 0; hour < HOURS; hour += 6) {
            for (int s = 0; s < series.size(); s++) {
                writer.writeDeadLetterCount("stream-" + s, "unparsable json", T0.plus(Duration.ofHours(hour)),
                        hour + s + 1);
            }
        }
        writer.flush();
        writeReporterCapture();
    }

    /**
     * The streaming job's metrics as its reporter wrote them in a real run, and that run's dead letters
     * (reporter-capture.txt says where they come from), for the operations dashboard: the report times, seconds
     * apart, are spread evenly over this test's range, in their order, so that rates per bucket have two reports.
     */
    private static void writeReporterCapture() throws IOException, InterruptedException {
        List<String> lines;
        try (var in = GrafanaDashboardTest.class.getResourceAsStream("reporter-capture.lp")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
        }
        List<Long> times = lines.stream().map(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
                .distinct().sorted().toList();
        long step = Duration.ofHours(HOURS).toNanos() / times.size();
        long start = T0.toEpochMilli() * 1_000_000L;
        StringBuilder shifted = new StringBuilder();
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            long time = Long.parseLong(line.substring(space + 1));
            shifted.append(line, 0, space + 1).append(start + step * times.indexOf(time)).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/write?db="
                        + DATABASE)).POST(HttpRequest.BodyPublishers.ofString(shifted.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("writing the reporter's capture: %s", response.body()).isEqualTo(204);
    }

    @Test
    void everyQueryOfEveryDashboardReturnsRows() throws Exception {
        List<Path> dashboards = dashboardFiles();
        assertThat(dashboards).as("dashboards in %s", DASHBOARDS).isNotEmpty();
        int queriesRun = 0;
        for (Path file : dashboards) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            List<GrafanaQuery.Variable> variables = resolveVariables(file, dashboard);
            List<JsonNode> targets = new ArrayList<>();
            collectTargets(dashboard.path("panels"), targets);
            assertThat(targets).as("queries of %s", file.getFileName()).isNotEmpty();
            for (JsonNode target : targets) {
                String where = file.getFileName() + ", panel '" + target.path("panelTitle").asText() + "', query "
                        + target.path("refId").asText();
                assertThat(target.path("rawQuery").asBoolean())
                        .as("%s is raw InfluxQL (rawQuery: true), so that this test can run it", where).isTrue();
                for (Map<String, String> values : GrafanaQuery.combinations(variables)) {
                    String query = GrafanaQuery.interpolate(target.path("query").asText(), variables, values, range());
                    assertEveryColumnHasValues(query, where + " with " + values);
                    queriesRun++;
                }
            }
        }
        assertThat(queriesRun).isPositive();
    }

    @Test
    void panelsUseTheProvisionedDataSource() throws IOException {
        List<String> provisioned = new ArrayList<>();
        try (var files = Files.list(DATASOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                new YAMLMapper().readTree(file.toFile()).path("datasources")
                        .forEach(source -> provisioned.add(source.path("uid").asText()));
            }
        }
        for (Path file : dashboardFiles()) {
            List<JsonNode> targets = new ArrayList<>();
            collectTargets(JSON.readTree(file.toFile()).path("panels"), targets);
            for (JsonNode target : targets) {
                assertThat(target.path("datasource").path("uid").asText())
                        .as("data source of %s, panel '%s'", file.getFileName(), target.path("panelTitle").asText())
                        .isIn(provisioned);
            }
        }
    }

    /** Runs each query variable in order (a later one may use an earlier one) and keeps the values it returns. */
    private static List<GrafanaQuery.Variable> resolveVariables(Path file, JsonNode dashboard) throws Exception {
        List<GrafanaQuery.Variable> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            String type = variable.path("type").asText();
            String query = variable.path("query").isTextual() ? variable.path("query").asText()
                    : variable.path("query").path("query").asText();
            List<String> values = new ArrayList<>();
            switch (type) {
                case "query" -> {
                    Map<String, String> firstValues = new LinkedHashMap<>();
                    variables.forEach(earlier -> firstValues.put(earlier.name(), earlier.values().get(0)));
                    for (JsonNode row : values(GrafanaQuery.interpolate(query, variables, firstValues, range()))) {
                        values.add(row.get(row.size() - 1).asText());
                    }
                }
                // values written in the dashboard, comma-separated
                case "custom", "interval", "constant", "textbox" -> {
                    for (String value : query.split(",")) {
                        if (!value.isBlank()) {
                            values.add(value.strip());
                        }
                    }
                }
                default -> throw new AssertionError("variable " + name + " of " + file.getFileName() + " is of type '"
                        + type + "', which this test cannot fill in (query, custom, interval, constant, textbox)");
            }
            assertThat(values).as("values of variable %s of %s (%s)", name, file.getFileName(), query).isNotEmpty();
            variables.add(new GrafanaQuery.Variable(name, values, variable.path("multi").asBoolean(),
                    variable.path("includeAll").asBoolean()));
        }
        return variables;
    }

    /** Targets of every panel, rows' nested panels included, each marked with its panel's title. */
    private static void collectTargets(JsonNode panels, List<JsonNode> targets) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                com.fasterxml.jackson.databind.node.ObjectNode copy = target.deepCopy();
                copy.put("panelTitle", panel.path("title").asText());
                if (!copy.has("datasource")) {
                    copy.set("datasource", panel.path("datasource"));
                }
                targets.add(copy);
            }
            collectTargets(panel.path("panels"), targets);
        }
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (var files = Files.list(DASHBOARDS)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static GrafanaQuery.TimeRange range() {
        return new GrafanaQuery.TimeRange(T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(HOURS + 1)),
                Duration.ofHours(1));
    }

    /**
     * Rows, and in every column a value somewhere: InfluxDB answers a misspelt field beside a real one with a
     * column of nulls, not an error.
     */
    private static void assertEveryColumnHasValues(String query, String where) throws Exception {
        List<JsonNode> series = series(query);
        assertThat(series).as("series of %s: %s", where, query).isNotEmpty();
        for (JsonNode one : series) {
            JsonNode columns = one.path("columns");
            JsonNode rows = one.path("values");
            assertThat(rows.size()).as("rows of %s: %s", where, query).isPositive();
            for (int column = 0; column < columns.size(); column++) {
                boolean hasValue = false;
                for (JsonNode row : rows) {
                    hasValue |= !row.path(column).isNull();
                }
                assertThat(hasValue).as("column '%s' of %s has a value: %s", columns.get(column).asText(), where,
                        query).isTrue();
            }
        }
    }

    private static List<JsonNode> values(String query) throws Exception {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode series : series(query)) {
            series.path("values").forEach(values::add);
        }
        return values;
    }

    /** The series of one query through InfluxDB's HTTP API, as Grafana sends it; an error fails the test. */
    private static List<JsonNode> series(String query) throws Exception {
        URI uri = URI.create(influxd.url() + "/query?db=" + DATABASE + "&epoch=ms&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("HTTP status of %s: %s", query, response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        List<JsonNode> series = new ArrayList<>();
        for (JsonNode result : body.path("results")) {
            assertThat(result.has("error")).as("error of %s: %s", query, result.path("error").asText()).isFalse();
            result.path("series").forEach(series::add);
        }
        return series;
    }
}
