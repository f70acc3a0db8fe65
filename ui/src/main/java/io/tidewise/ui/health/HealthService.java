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

/** Whether Kafka, the Flink job and InfluxDB answer now, with what each said. */
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
                states.add(job.path("name").asText() + ": " + job.path("state").asText());
                running |= "RUNNING".equals(job.path("state").asText());
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

    private ComponentHealth influx() {
        boolean up = influx.isReachable();
        return new ComponentHealth("influxdb", influx.url(), up, up ? "/ping answered" : "/ping did not answer",
                up ? null : "health.advice.influx");
    }
}
