package io.tidewise.ui.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the app finds the platform, bound from {@code tidewise.ui.*} properties (application.properties, the
 * command line, or {@code TIDEWISE_UI_*} environment variables through Spring's relaxed binding).
 *
 * @param influxUrl      InfluxDB's base URL, e.g. {@code http://127.0.0.1:8086}
 * @param influxDatabase the database the streaming job writes
 * @param kafka          Kafka's bootstrap servers, {@code HOST:PORT[,HOST:PORT]}
 * @param flinkRest      Flink's REST base URL, e.g. {@code http://127.0.0.1:8081}
 * @param modelsDir      the model registry's root ({@code models/})
 * @param streamsDir     where stream definitions live ({@code streams/})
 * @param usersFile      the users file: {@code name:role[,role]:bcrypt-hash} per line
 */
@ConfigurationProperties("tidewise.ui")
public record UiSettings(
        String influxUrl,
        String influxDatabase,
        String kafka,
        String flinkRest,
        Path modelsDir,
        Path streamsDir,
        Path usersFile) {

    public UiSettings {
        influxUrl = orDefault(influxUrl, "http://127.0.0.1:8086");
        influxDatabase = orDefault(influxDatabase, "tidewise");
        kafka = orDefault(kafka, "127.0.0.1:9092");
        flinkRest = orDefault(flinkRest, "http://127.0.0.1:8081");
        modelsDir = modelsDir == null ? Path.of("models") : modelsDir;
        streamsDir = streamsDir == null ? Path.of("streams") : streamsDir;
        usersFile = usersFile == null ? Path.of(System.getProperty("user.home"), ".tidewise", "ui-users")
                : usersFile;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
