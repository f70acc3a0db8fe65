package io.tidewise.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.ui.UiOptions;
import io.tidewise.ui.UiServer;
import io.tidewise.ui.security.UserAccount;
import io.tidewise.ui.security.UserDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Spring Boot's actuator on the running app: health's status for anyone, its details and the metrics only for an
 * authenticated admin, with the app's own meters among them.
 */
class ActuatorAccessTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    @TempDir
    static Path work;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static UiServer server;

    @BeforeAll
    static void startApp() throws Exception {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        List<String> lines = new ArrayList<>();
        for (String role : List.of("analyst", "admin")) {
            lines.add(UserDirectory.line(new UserAccount(role, List.of(role.toUpperCase()), encoder.encode(role
                    + "-secret"))));
        }
        Path users = Files.write(work.resolve("users"), lines);
        Path streams = Files.createDirectories(work.resolve("streams"));
        server = UiServer.start(new UiOptions("127.0.0.1", 0, INFLUX.url(), INFLUX.freshSettings().build().database(),
                "127.0.0.1:1", "http://127.0.0.1:1", work.resolve("models"), streams, users, false));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metricsAreRefusedToAnonymousRequestsAndToNonAdmins() throws Exception {
        for (String endpoint : List.of("actuator/metrics", "actuator/prometheus", "actuator/metrics/jvm.threads.live")) {
            HttpResponse<String> anonymous = get(endpoint, null, null);
            assertThat(anonymous.statusCode()).as("%s %s", endpoint, anonymous.headers().map()).isEqualTo(401);
            assertThat(get(endpoint, "analyst", "analyst-secret").statusCode()).as(endpoint).isEqualTo(403);
            assertThat(get(endpoint, "admin", "wrong").statusCode()).as(endpoint).isEqualTo(401);
        }
    }

    @Test
    void healthTellsAnyoneItsStatusAndOnlyAnAdminItsDetails() throws Exception {
        HttpResponse<String> anonymous = get("actuator/health", null, null);
        assertThat(JSON.readTree(anonymous.body()).has("status")).isTrue();
        assertThat(JSON.readTree(anonymous.body()).has("components")).isFalse();
        HttpResponse<String> admin = get("actuator/health", "admin", "admin-secret");
        assertThat(JSON.readTree(admin.body()).path("components").has("diskSpace")).isTrue();
    }

    @Test
    void anAdminGetsTheMetricsWithTheAppsOwn() throws Exception {
        HttpResponse<String> list = get("actuator/metrics", "admin", "admin-secret");
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        JSON.readTree(list.body()).path("names").forEach(name -> names.add(name.asText()));
        assertThat(names).contains(AppMetrics.WHAT_IF_FORECASTS, AppMetrics.RETRAININGS, AppMetrics.INFLUX_QUERIES,
                "jvm.memory.used");

        AppMetrics.retraining("failed");
        JsonNode retrainings = JSON.readTree(get("actuator/metrics/" + AppMetrics.RETRAININGS + "?tag=outcome:failed",
                "admin", "admin-secret").body());
        assertThat(retrainings.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);

        HttpResponse<String> prometheus = get("actuator/prometheus", "admin", "admin-secret");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("tidewise_retrainings_total{outcome=\"failed\"} 1.0");
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
