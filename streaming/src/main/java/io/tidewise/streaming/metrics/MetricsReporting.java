package io.tidewise.streaming.metrics;

import io.tidewise.core.Validation;
import io.tidewise.store.InfluxSettings;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/**
 * The Flink configuration that reports every metric of the cluster and its jobs into an InfluxDB database of its
 * own ({@value #DEFAULT_DATABASE} by default, beside the series' {@code tidewise}), where the operations dashboard
 * reads them. The same keys in a cluster's {@code config.yaml}:
 *
 * <pre>
 * metrics.reporter.tidewise_influx.factory.class: io.tidewise.streaming.metrics.InfluxMetricReporterFactory
 * metrics.reporter.tidewise_influx.interval: 10 s
 * metrics.reporter.tidewise_influx.url: http://influxdb:8086
 * metrics.reporter.tidewise_influx.db: tidewise_metrics
 * metrics.reporter.tidewise_influx.username: ...   # optional, with password
 * metrics.reporter.tidewise_influx.password: ...
 * </pre>
 * (the job jar on the cluster's classpath, e.g. in {@code lib/}). Flink's own {@code flink-metrics-influxdb} plugin
 * writes the same layout, where a cluster has it: see {@link InfluxMetricReporter}.
 */
public final class MetricsReporting {
    public static final String REPORTER = "tidewise_influx";
    public static final String DEFAULT_DATABASE = "tidewise_metrics";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    static final String URL = "url";
    static final String DATABASE = "db";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";

    private static final String PREFIX = "metrics.reporter." + REPORTER + ".";

    private MetricsReporting() {}

    /** Reports into {@value #DEFAULT_DATABASE} on the InfluxDB of {@code influx}, every 10 s. */
    public static Configuration apply(Configuration configuration, InfluxSettings influx) {
        return apply(configuration, influx, DEFAULT_DATABASE, DEFAULT_INTERVAL);
    }

    /**
     * Adds the reporter to {@code configuration} (and returns it): InfluxDB's URL and credentials from
     * {@code influx}, the database named here (created at the first report when missing).
     */
    public static Configuration apply(Configuration configuration, InfluxSettings influx, String database,
            Duration interval) {
        Validation.requireNonNull(configuration, "configuration");
        Validation.requireNonNull(influx, "influx settings");
        Validation.requireNonBlank(database, "metrics database");
        Validation.requireNonNull(interval, "report interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("report interval must be positive, was " + interval);
        }
        configuration.setString(PREFIX + "factory.class", InfluxMetricReporterFactory.class.getName());
        configuration.setString(PREFIX + "interval", interval.toMillis() + " ms");
        configuration.setString(PREFIX + URL, influx.url());
        configuration.setString(PREFIX + DATABASE, database);
        influx.username().ifPresent(user -> configuration.setString(PREFIX + USERNAME, user));
        // Flink hides values of keys that contain "password" in its web UI and REST configuration answers.
        influx.password().ifPresent(password -> configuration.setString(PREFIX + PASSWORD, password));
        return configuration;
    }
}
