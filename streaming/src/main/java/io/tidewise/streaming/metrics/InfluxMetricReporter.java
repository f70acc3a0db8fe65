package io.tidewise.streaming.metrics;

import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.store.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every Flink metric into an InfluxDB database at each report, in the layout of Flink's own InfluxDB reporter
 * ({@code flink-metrics-influxdb}), so that the operations dashboard reads either: measurement = the metric's
 * logical scope and name joined by {@code _} (e.g. {@code taskmanager_job_task_operator_tidewise_stream_recordsIn});
 * tags = the metric's variables without their angle brackets ({@code host}, {@code job_name},
 * {@code operator_name}, {@code subtask_index}, {@code stream}, {@code reason}, ...); fields {@code count} for a
 * counter, {@code value} for a gauge, {@code count} and {@code rate} for a meter, and {@code count}, {@code min},
 * {@code max}, {@code mean}, {@code stddev}, {@code p50} ... {@code p999} for a histogram.
 *
 * <p>Why not Flink's reporter itself: it is not published for Flink 2.2 on Maven Central, and its 2.0 jar bundles
 * unrelocated influxdb-java, OkHttp and Retrofit classes (Flink loads reporters as isolated plugins) that clash with
 * the store's newer influxdb-java on the embedded platform's single classpath. This one writes through the store's
 * {@link InfluxWriter} (batches, retries, credentials). Configured by {@link MetricsReporting}.
 */
public final class InfluxMetricReporter implements MetricReporter, Scheduled {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxMetricReporter.class);

    private final Map<Metric, Measurement> metrics = new ConcurrentHashMap<>();
    private InfluxSettings settings;
    private InfluxStore store;
    private InfluxWriter writer;
    private boolean warned;

    private record Measurement(String name, Map<String, String> tags) {}

    @Override
    public void open(MetricConfig config) {
        String url = config.getString(MetricsReporting.URL, null);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("metrics reporter option '" + MetricsReporting.URL
                    + "' must name InfluxDB's base URL, was " + (url == null ? "absent" : "'" + url + "'"));
        }
        Duration interval = Duration.ofSeconds(10);
        InfluxSettings.Builder builder = InfluxSettings.builder().setUrl(url)
                .optDatabase(config.getString(MetricsReporting.DATABASE, MetricsReporting.DEFAULT_DATABASE))
                // A report that cannot be written within an interval is dropped: the next one carries the counts.
                .optRetryPolicy(RetryPolicy.builder().optGiveUpAfter(interval).build());
        String user = config.getString(MetricsReporting.USERNAME, null);
        if (user != null && !user.isBlank()) {
            builder.optCredentials(user, config.getString(MetricsReporting.PASSWORD, ""));
        }
        settings = builder.build();
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("The last metrics could not be written to {}: {}", settings.url(), e.getMessage());
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        String scope = LogicalScopeProvider.castFrom(group).getLogicalScope(InfluxMetricReporter::plain, '_');
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : group.getAllVariables().entrySet()) {
            String key = variable.getKey();
            tags.put(key.substring(1, key.length() - 1), plain(variable.getValue()));
        }
        metrics.put(metric, new Measurement(scope + "_" + metricName, tags));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        metrics.remove(metric);
    }

    /** Line protocol cannot carry a newline, and the store refuses backslashes in tags (see InfluxSchema). */
    private static String plain(String text) {
        return text.replace("\n", "").replace('\\', '/');
    }

    @Override
    public void report() {
        Instant now = Instant.now();
        try {
            if (writer == null) {
                store = InfluxStore.connect(settings); // creates the database on first use
                writer = store.openWriter();
            }
            for (Map.Entry<Metric, Measurement> entry : metrics.entrySet()) {
                Map<String, Object> fields = fieldsOf(entry.getKey());
                if (!fields.isEmpty()) {
                    writer.writeMetric(entry.getValue().name(), entry.getValue().tags(), fields, now);
                }
            }
            writer.flush();
            warned = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!warned) { // once per outage, not at every report
                LOG.warn("Metrics could not be written to {} (database {}): {}; retrying at the next report",
                        settings.url(), settings.database(), e.getMessage());
                warned = true;
            }
            if (writer != null) {
                try {
                    writer.close();
                } catch (RuntimeException ignored) {
                    // the points of this report are lost with the writer; the next report carries newer values
                }
                writer = null;
            }
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }

    private static Map<String, Object> fieldsOf(Metric metric) {
        Map<String, Object> fields = new HashMap<>();
        if (metric instanceof Counter counter) {
            fields.put("count", counter.getCount());
        } else if (metric instanceof Gauge<?> gauge) {
            Object value = gauge.getValue();
            if (value instanceof Number number) {
                if (!(number instanceof Double || number instanceof Float) || Double.isFinite(number.doubleValue())) {
                    fields.put("value", number);
                }
            } else if (value instanceof Boolean || value instanceof String) {
                fields.put("value", value);
            } else if (value != null) {
                fields.put("value", value.toString());
            }
        } else if (metric instanceof Meter meter) {
            fields.put("count", meter.getCount());
            putFinite(fields, "rate", meter.getRate());
        } else if (metric instanceof Histogram histogram) {
            HistogramStatistics statistics = histogram.getStatistics();
            fields.put("count", histogram.getCount());
            if (statistics.size() > 0) {
                fields.put("min", statistics.getMin());
                fields.put("max", statistics.getMax());
                putFinite(fields, "mean", statistics.getMean());
                putFinite(fields, "stddev", statistics.getStdDev());
                putFinite(fields, "p50", statistics.getQuantile(0.5));
                putFinite(fields, "p75", statistics.getQuantile(0.75));
                putFinite(fields, "p95", statistics.getQuantile(0.95));
                putFinite(fields, "p98", statistics.getQuantile(0.98));
                putFinite(fields, "p99", statistics.getQuantile(0.99));
                putFinite(fields, "p999", statistics.getQuantile(0.999));
            }
        }
        return fields;
    }

    private static void putFinite(Map<String, Object> fields, String name, double value) {
        if (Double.isFinite(value)) {
            fields.put(name, value);
        }
    }
}
