package io.tidewise.streaming.metrics;

import io.tidewise.core.Validation;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The names of the job's own metrics and the groups they live in. Every metric sits under the operator's group in
 * a {@value #GROUP} group; per-stream metrics add the key-value group {@code stream=<name>} (a variable
 * {@code <stream>} for reporters: a tag in InfluxDB), dead letters also {@code reason=<wire name>}. Flink's REST API
 * shows them as {@code <subtask>.<operator>.tidewise.stream.<name>.<metric>}.
 */
public final class JobMetrics {
    public static final String GROUP = "tidewise";
    public static final String STREAM = "stream";
    public static final String REASON = "reason";

    /** Kafka records a stream's definition mapped (or the canonical topic's records): one per record and stream. */
    public static final String RECORDS_IN = "recordsIn";
    /** Observations a stream's records became. */
    public static final String OBSERVATIONS_OUT = "observations";
    /** Records a stream could not map (also per reason, from the dead-letter counting). */
    public static final String DEAD_LETTERS = "deadLetters";
    /** Observations that arrived after their step had closed, dropped from regularization. */
    public static final String LATE_OBSERVATIONS = "lateObservations";
    /** Forecasts a stream's series asked for. */
    public static final String FORECASTS_REQUESTED = "forecastsRequested";
    /** Forecasts the inference answered (all streams). */
    public static final String FORECASTS_ISSUED = "forecastsIssued";
    /** Requests per forecaster call. */
    public static final String BATCH_SIZE = "batchSize";
    /** Wall-clock milliseconds per forecaster call. */
    public static final String INFERENCE_TIME_MS = "inferenceTimeMs";
    /**
     * Milliseconds from the arrival of the newest observation a forecast was made from to the forecast handed to
     * the InfluxDB writer (its points are then acknowledged within the writer's flush interval).
     */
    public static final String FORECAST_LATENCY_MS = "forecastLatencyMs";
    /** Points InfluxDB acknowledged, per sink. */
    public static final String INFLUX_POINTS_WRITTEN = "influxPointsWritten";
    /** Failed InfluxDB write attempts that were retried, per sink. */
    public static final String INFLUX_WRITE_RETRIES = "influxWriteRetries";
    /** Points InfluxDB refused for good, per sink. */
    public static final String INFLUX_POINTS_REJECTED = "influxPointsRejected";
    /** Writes or flushes that failed after their retries (each fails the job, which restarts from a checkpoint). */
    public static final String INFLUX_WRITE_ERRORS = "influxWriteErrors";

    /** How many recent values a histogram keeps for its percentiles. */
    public static final int HISTOGRAM_WINDOW = 1_000;

    private JobMetrics() {}

    /** The {@value #GROUP} group under an operator's group. */
    public static MetricGroup tidewise(MetricGroup operator) {
        return Validation.requireNonNull(operator, "operator metric group").addGroup(GROUP);
    }

    /** The group of one stream: {@code tidewise.stream.<name>}. */
    public static MetricGroup stream(MetricGroup operator, String stream) {
        return tidewise(operator).addGroup(STREAM, Validation.requireNonBlank(stream, "stream"));
    }

    /** A histogram over the last {@value #HISTOGRAM_WINDOW} values (Flink's, with percentiles for reporters). */
    public static Histogram histogram(MetricGroup group, String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    /**
     * Counters of one name per stream, registered on first use: streams are only known once their records arrive.
     */
    public static final class PerStream {
        private final MetricGroup operator;
        private final String name;
        private final Map<String, Counter> counters = new HashMap<>();

        public PerStream(MetricGroup operator, String name) {
            this.operator = Validation.requireNonNull(operator, "operator metric group");
            this.name = Validation.requireNonBlank(name, "metric name");
        }

        public Counter of(String stream) {
            return counters.computeIfAbsent(stream, key -> stream(operator, key).counter(name));
        }
    }
}
