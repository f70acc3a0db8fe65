package io.tidewise.cli.platform;

import io.tidewise.core.Domain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the demo producers stopped, kept in the data directory so that a restart continues the same series instead
 * of sending a second history: the generators' origin and series count (with their fixed seeds they then produce
 * the same observations again) and how many observations of each domain reached Kafka.
 *
 * @param historyEnd       the event time the first run's history ended and its live part began
 * @param seriesPerDomain  series per domain of the first run
 * @param historySteps     steps of history of the first run
 * @param sent             observations sent (and flushed to Kafka) per domain
 */
record DemoPosition(Instant historyEnd, int seriesPerDomain, int historySteps, Map<Domain, Long> sent) {
    DemoPosition {
        sent = Map.copyOf(sent);
    }

    long sentOf(Domain domain) {
        return sent.getOrDefault(domain, 0L);
    }

    /** The position stored in {@code file}, or null if there is none yet; a damaged file is an error naming it. */
    static DemoPosition load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        try {
            Map<Domain, Long> sent = new TreeMap<>();
            for (String name : properties.stringPropertyNames()) {
                if (name.startsWith("sent.")) {
                    sent.put(Domain.parse(name.substring("sent.".length())),
                            Long.parseLong(properties.getProperty(name).strip()));
                }
            }
            return new DemoPosition(Instant.parse(required(properties, "history-end")),
                    Integer.parseInt(required(properties, "series-per-domain")),
                    Integer.parseInt(required(properties, "history-steps")), sent);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalStateException("the demo producers' position " + file + " cannot be read ("
                    + e.getMessage() + "); delete it to start the demo series afresh", e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.strip();
    }

    void save(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("history-end", historyEnd.toString());
        properties.setProperty("series-per-domain", Integer.toString(seriesPerDomain));
        properties.setProperty("history-steps", Integer.toString(historySteps));
        sent.forEach((domain, count) -> properties.setProperty("sent." + domain.wireName(), Long.toString(count)));
        DataDirectory.writeAtomically(file, properties, "tidewise run: where the demo producers stopped");
    }
}
