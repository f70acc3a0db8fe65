package io.tidewise.streaming.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Found by Flink through {@code META-INF/services}; named in the configuration by {@link MetricsReporting}. */
public final class InfluxMetricReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new InfluxMetricReporter();
    }
}
