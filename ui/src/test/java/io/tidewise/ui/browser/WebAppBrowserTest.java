package io.tidewise.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.ui.UiOptions;
import io.tidewise.ui.UiServer;
import io.tidewise.ui.security.UserAccount;
import io.tidewise.ui.security.UserDirectory;
import io.tidewise.ui.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The app as a user meets it: a real influxd holding known observations and a known forecast, the app on a free
 * port, headless Chromium. Kafka and Flink are not running here, so Health shows them down with what to do. Each
 * step saves a screenshot to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    @TempDir
    static Path work;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static UiServer server;
    private static Browser browser;
    private static Path streams;

    @BeforeAll
    static void startInfluxAppAndBrowser() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            KnownData.write(writer);
        }
        Path users = work.resolve("users");
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        List<String> lines = new ArrayList<>();
        for (String role : List.of("analyst", "engineer", "modeler", "admin")) {
            lines.add(UserDirectory.line(new UserAccount(role, List.of(role.toUpperCase()),
                    encoder.encode(password(role)))));
        }
        Files.write(users, lines);
        streams = Files.createDirectories(work.resolve("streams"));
        Files.writeString(streams.resolve("test-ticks.yaml"), String.join("\n", "name: test-ticks",
                "topic: test.ticks", "format: json", "series: stock/{/symbol}/close", "timestamp: /ts", "value: /price",
                "domain: stock", "tags: {source: test}", "frequency: 1h", "horizon: 24", ""));
        Path models = TinyModel.registry(work.resolve("models"));
        server = UiServer.start(new UiOptions("127.0.0.1", 0, INFLUX.url(), settings.database(),
                "127.0.0.1:1", "http://127.0.0.1:1", models, streams, users, false));
        assertThat(server.url()).startsWith("http://127.0.0.1:").doesNotEndWith(":8080/");
        browser = new Browser(server.url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String password(String role) {
        return "secret-" + role + "-2024";
    }

    @Test
    @Order(1)
    void analystSeesTheSeriesButNotTheStreamsOrModels() {
        browser.logIn("analyst", password("analyst"));
        browser.waitUntilText(By.id("series-grid"), KnownData.STOCK.value());
        // the newest anomaly of the stock series is the far-off value at hour 64 (its latest value is in band)
        assertThat(browser.gridCells("series-grid")).contains(KnownData.STOCK.value(), KnownData.TRAFFIC.value(),
                "2024-03-03 16:00 UTC");
        // the tag filter: the stock series comes from the test-ticks stream, tagged source=test
        browser.type("series-tag", "source=test");
        browser.waitUntil(driver -> !browser.gridCells("series-grid").contains(KnownData.TRAFFIC.value()));
        assertThat(browser.gridCells("series-grid")).contains(KnownData.STOCK.value(), "source=test, stream=test-ticks");
        browser.type("series-tag", "");
        assertThat(browser.driver.findElements(By.id("nav-series"))).hasSize(1);
        assertThat(browser.driver.findElements(By.id("nav-streams"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("nav-models"))).isEmpty();
        browser.screenshot("series");

        // typed by hand, the forbidden view is refused by the server: no form, no stream list
        browser.open("streams");
        browser.waitUntil(driver -> driver.findElement(By.tagName("body")).getText().length() > 0);
        assertThat(browser.driver.findElements(By.id("stream-new"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("streams-grid"))).isEmpty();
    }

    @Test
    @Order(2)
    void analystOpensASeriesAndTheChartHoldsTheKnownValuesAndBand() throws IOException {
        browser.open("");
        browser.waitUntilText(By.id("series-grid"), KnownData.STOCK.value());
        browser.driver.findElements(By.cssSelector("#series-grid vaadin-grid-cell-content")).stream()
                .filter(cell -> cell.getText().equals(KnownData.STOCK.value())).findFirst().orElseThrow().click();
        browser.waitFor(By.cssSelector("#forecast-chart[data-drawn='true']"));
        JsonNode options = JSON.readTree((String) browser.script(
                "return document.getElementById('forecast-chart').options"));
        JsonNode history = series(options, "history");
        assertThat(history.get(0).get(0).asLong()).isEqualTo(KnownData.hour(0).toEpochMilli());
        assertThat(history.get(0).get(1).asDouble()).isEqualTo(KnownData.observed(0));
        assertThat(series(options, "realized")).hasSize(KnownData.OBSERVED - KnownData.ISSUED_AT_HOUR - 1);
        JsonNode median = series(options, "median");
        assertThat(median).hasSize(KnownData.HORIZON);
        assertThat(median.get(0).get(0).asLong()).isEqualTo(KnownData.hour(KnownData.ISSUED_AT_HOUR + 1)
                .toEpochMilli());
        assertThat(median.get(0).get(1).asDouble()).isEqualTo(KnownData.median(1));
        assertThat(series(options, "p10").get(0).get(1).asDouble()).isEqualTo(KnownData.median(1) - 5);
        assertThat(series(options, "band80").get(0).get(1).asDouble()).isEqualTo(10.0);
        assertThat(series(options, "p90").get(0).get(1).asDouble()).isEqualTo(KnownData.median(1) + 5);
        assertThat(series(options, "p20").get(0).get(1).asDouble()).isEqualTo(KnownData.median(1) - 3);
        JsonNode anomalies = series(options, "anomalies");
        assertThat(anomalies).hasSize(1);
        assertThat(anomalies.get(0).get(0).asLong()).isEqualTo(KnownData.hour(KnownData.ANOMALY_HOUR).toEpochMilli());
        assertThat(anomalies.get(0).get(1).asDouble()).isEqualTo(KnownData.ANOMALY_VALUE);
        assertThat(options.path("dataZoom")).hasSize(2);
        // live accuracy from the accuracy measurement: 11 realized values scored, MASE = mean(error / 2)
        assertThat(browser.gridCells("forecast-accuracy")).contains(KnownData.MODEL, "11");
        JsonNode accuracy = JSON.readTree((String) browser.script(
                "return document.getElementById('accuracy-chart').options"));
        double scored = 0;
        for (JsonNode bucket : series(accuracy, "mase")) {
            scored += bucket.get(1).isNull() ? 0 : 1;
        }
        assertThat(scored).as("buckets with a MASE").isPositive();
        assertThat(series(accuracy, "naive").get(0).get(1).asDouble()).isEqualTo(1.0);
        // the download: the latest forecast in the forecast contract's CSV layout, fetched with this session
        String csv = (String) browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(document.getElementById('download-csv').href).then(r => r.text()).then(done)");
        assertThat(csv).startsWith("series_id,step,timestamp,mean,p10,p20,p30,p40,p50,p60,p70,p80,p90\n"
                + "stock/TEST/close,1,2024-03-03T13:00:00Z,101,96,98,99,100,101,102,103,104,106\n");
        assertThat(csv.lines()).hasSize(1 + KnownData.HORIZON);
        browser.screenshot("forecast");
        browser.script("document.getElementById('forecast-accuracy').scrollIntoView()");
        browser.screenshot("forecast-accuracy");
    }

    @Test
    @Order(3)
    void analystRunsAWhatIfBesideTheBaselines() {
        browser.click("whatif-run");
        browser.waitFor(By.cssSelector("#whatif-chart[data-drawn='true']"));
        browser.waitUntilText(By.id("whatif-scores"), "theta");
        List<String> cells = browser.gridCells("whatif-scores");
        assertThat(cells).contains(TinyModel.ID, "seasonal_naive", "ets", "theta");
        assertThat(browser.driver.findElement(By.id("whatif-status")).getText()).contains("scored on the 12");
        browser.script("document.getElementById('whatif-scores').scrollIntoView()");
        browser.screenshot("what-if");
        browser.logOut();
    }

    @Test
    @Order(4)
    void engineerCreatesAStreamWithAValidAndAnInvalidSample() throws IOException {
        browser.logIn("engineer", password("engineer"));
        browser.open("streams");
        browser.click("stream-new");
        browser.waitFor(By.id("stream-name"));
        browser.type("stream-name", "power-meters");
        browser.type("stream-topic", "power.readings");
        browser.type("stream-series", "energy/{/meter}/kw");
        browser.type("stream-timestamp-field", "/at");
        browser.type("stream-value", "/kw");
        browser.type("stream-frequency", "15m");
        browser.type("stream-horizon", "8");
        browser.type("stream-samples", "{\"meter\":\"M1\",\"at\":\"2024-03-01T00:15:00Z\",\"kw\":3.5}\n"
                + "{\"meter\":\"M1\",\"at\":\"2024-03-01T00:30:00Z\",\"kw\":\"lots\"}");
        browser.click("stream-preview-button");
        browser.waitUntilText(By.id("stream-preview"), "energy/M1/kw");
        List<String> cells = browser.gridCells("stream-preview");
        assertThat(cells).contains("energy/M1/kw", "2024-03-01T00:15:00Z", "3.5", "Mapped");
        assertThat(String.join("\n", cells)).contains("value /kw");
        browser.screenshot("stream-preview");

        browser.click("stream-save");
        browser.waitUntilText(By.id("stream-problem"), "Saved to");
        Path saved = streams.resolve("power-meters.yaml");
        assertThat(saved).exists();
        assertThat(Files.readString(saved)).contains("topic: \"power.readings\"", "horizon: 8");
        browser.click("stream-close");
        browser.script("document.getElementById('streams-grid').scrollIntoView()");
        browser.waitUntil(driver -> browser.gridCells("streams-grid").contains("power-meters"));
        browser.screenshot("streams");

        // an invalid definition is refused with the key and value named, and nothing is written
        browser.click("stream-new");
        browser.type("stream-name", "weekly-meters");
        browser.type("stream-topic", "power.readings");
        browser.type("stream-series", "energy/{/meter}/kw");
        browser.type("stream-timestamp-field", "/at");
        browser.type("stream-value", "/kw");
        browser.type("stream-frequency", "fortnightly");
        browser.type("stream-horizon", "4");
        browser.click("stream-save");
        browser.waitUntilText(By.id("stream-problem"), "frequency");
        assertThat(browser.driver.findElement(By.id("stream-problem")).getText()).contains("'fortnightly'");
        try (Stream<Path> files = Files.list(streams)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("test-ticks.yaml", "power-meters.yaml");
        }
        browser.logOut();
    }

    @Test
    @Order(5)
    void modelerSeesTheRegistryWithTheCardAndMetrics() {
        browser.logIn("modeler", password("modeler"));
        assertThat(browser.driver.findElements(By.id("nav-streams"))).isEmpty();
        browser.open("models");
        browser.waitUntilText(By.id("models-grid"), TinyModel.ID);
        browser.waitFor(By.cssSelector("#model-card .model-card"));
        assertThat(browser.driver.findElement(By.id("model-card")).getText()).isNotBlank();
        // a retraining in the background for 6-step forecasts: 3 s of adaptation, then the evaluation and the next
        // version
        browser.type("retrain-horizon", "6");
        browser.type("retrain-seconds", "3");
        browser.click("retrain-start");
        browser.waitUntilText(By.id("retrain-state"), "Registered tiny@2");
        browser.waitUntilText(By.id("models-grid"), "tiny@2");
        assertThat(browser.gridCells("retrain-evaluation")).contains("tiny@2", "tiny@1 (promoted)",
                "seasonal_naive");
        browser.script("document.getElementById('models-grid').scrollIntoView()");
        browser.screenshot("models");
        browser.logOut();
    }

    @Test
    @Order(6)
    void adminSeesEveryViewAndHealthSaysWhatIsDown() {
        browser.logIn("admin", password("admin"));
        assertThat(browser.driver.findElements(By.cssSelector("vaadin-side-nav-item[id^='nav-']"))).hasSize(4);
        browser.open("health");
        browser.waitUntilText(By.id("health-grid"), "InfluxDB");
        List<String> cells = browser.gridCells("health-grid");
        assertThat(String.join("\n", cells)).contains("Up", "Down", "./tidewise run");
        // the job's metrics sit beside the states; with no Flink answering here there are none to list
        assertThat(browser.driver.findElements(By.id("job-metrics-grid"))).hasSize(1);
        assertThat(browser.gridCells("job-metrics-grid")).doesNotContain("Records in");
        browser.screenshot("health");
    }

    @Test
    @Order(7)
    void switchingToChineseTranslatesTheLabels() {
        browser.open("");
        browser.click("language");
        browser.click(By.xpath("//vaadin-select-item[contains(., '简体中文')]"));
        browser.waitUntilText(By.id("nav-series"), "序列");
        browser.waitUntilText(By.id("series-grid"), "最新值");
        browser.screenshot("series-zh");
        browser.click("logout");
        browser.waitFor(By.cssSelector("#vaadinLoginUsername input"));
        browser.open("");
        browser.waitFor(By.cssSelector("#vaadinLoginUsername input")); // logged out: back to the login page
    }

    @Test
    @Order(8)
    void theThemeFollowsTheBrowsersColourScheme() {
        browser.preferColorScheme("dark");
        browser.logIn("analyst", password("analyst"));
        browser.waitUntilText(By.id("series-grid"), KnownData.STOCK.value());
        browser.waitUntil(driver -> "dark".equals(browser.script(
                "return document.documentElement.getAttribute('theme')")));
        // Lumo's dark palette, not only the attribute: the page's background is dark
        assertThat(luminance(String.valueOf(browser.script(
                "return getComputedStyle(document.documentElement).backgroundColor"))))
                .as("the page's background in the dark theme").isLessThan(0.3);
        browser.screenshot("series-dark");

        browser.preferColorScheme("light"); // switched while the page is open
        browser.waitUntil(driver -> "".equals(browser.script(
                "return document.documentElement.getAttribute('theme')")));
        assertThat(luminance(String.valueOf(browser.script(
                "return getComputedStyle(document.documentElement).backgroundColor"))))
                .as("the page's background in the light theme").isGreaterThan(0.7);
        browser.click("logout");
    }

    /** Relative luminance (0 black .. 1 white) of a computed CSS colour, {@code rgb(r, g, b)} or {@code rgba(...)}. */
    private static double luminance(String computedColor) {
        java.util.regex.Matcher rgb = java.util.regex.Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)")
                .matcher(computedColor);
        if (!rgb.lookingAt()) {
            throw new AssertionError("not a computed colour: '" + computedColor + "'");
        }
        return (0.2126 * Integer.parseInt(rgb.group(1)) + 0.7152 * Integer.parseInt(rgb.group(2))
                + 0.0722 * Integer.parseInt(rgb.group(3))) / 255;
    }

    private static JsonNode series(JsonNode options, String id) {
        for (JsonNode series : options.path("series")) {
            if (id.equals(series.path("id").asText())) {
                return series.path("data");
            }
        }
        throw new AssertionError("the chart has no series '" + id + "': " + options.path("series"));
    }
}
