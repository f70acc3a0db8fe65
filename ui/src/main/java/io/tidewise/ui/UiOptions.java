package io.tidewise.ui;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link UiServer} starts the app: where it listens and where the platform is. Null fields keep the defaults
 * of {@code application.properties} and {@link io.tidewise.ui.config.UiSettings}.
 *
 * @param host            the address to listen on; 127.0.0.1 unless told otherwise
 * @param port            the port; 0 picks a free one
 * @param keepHostLogging leave the embedding program's logging configuration alone (the command line has its own)
 */
public record UiOptions(String host, Integer port, String influxUrl, String influxDatabase, String kafka,
        String flinkRest, Path modelsDir, Path streamsDir, Path usersFile, boolean keepHostLogging) {

    public static UiOptions defaults() {
        return new UiOptions(null, null, null, null, null, null, null, null, null, false);
    }

    /** Spring properties for the non-null fields. */
    Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfSet(properties, "server.address", host);
        putIfSet(properties, "server.port", port);
        putIfSet(properties, "tidewise.ui.influx-url", influxUrl);
        putIfSet(properties, "tidewise.ui.influx-database", influxDatabase);
        putIfSet(properties, "tidewise.ui.kafka", kafka);
        putIfSet(properties, "tidewise.ui.flink-rest", flinkRest);
        putIfSet(properties, "tidewise.ui.models-dir", absolute(modelsDir));
        putIfSet(properties, "tidewise.ui.streams-dir", absolute(streamsDir));
        putIfSet(properties, "tidewise.ui.users-file", absolute(usersFile));
        return properties;
    }

    /** Spring reads a relative path such as {@code ../streams} as a resource path, and refuses it. */
    private static String absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize().toString();
    }

    private static void putIfSet(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
