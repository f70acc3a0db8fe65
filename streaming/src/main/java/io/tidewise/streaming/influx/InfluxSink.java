package io.tidewise.streaming.influx;

import io.tidewise.core.Observation;
import io.tidewise.core.Validation;
import io.tidewise.store.AccuracyRecord;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.metrics.JobMetrics;
import io.tidewise.store.WriterStats;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;

/**
 * Writes one kind of job output to InfluxDB, one {@link InfluxWriter} per subtask. Writes block while InfluxDB is
 * slow or away (the store retries with backoff), which backpressures the job instead of dropping points.
 *
 * <p>Each writer reports the store's {@link WriterStats} as gauges and its failed writes as a counter in the
 * {@code tidewise} metric group ({@link JobMetrics}); a sink given an arrival time also reports the latency from a
 * record's arrival to its hand-over to the writer.
 *
 * @param <T> the record written
 */
public final class InfluxSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** How one record becomes points. */
    @FunctionalInterface
    public interface PointWriter<T> extends Serializable {
        void write(InfluxWriter writer, T record) throws InterruptedException;
    }

    /** When a record's newest input reached the job, wall-clock epoch ms, 0 when unknown. */
    @FunctionalInterface
    public interface ArrivalTime<T> extends Serializable {
        long arrivedAt(T record);
    }

    private final InfluxSettings settings;
    private final PointWriter<T> pointWriter;
    private final ArrivalTime<T> arrivalTime;
    private final String latencyMetric;

    public InfluxSink(InfluxSettings settings, PointWriter<T> pointWriter) {
        this(settings, pointWriter, null, null);
    }

    /**
     * @param arrivalTime   when each record's input arrived, or null to report no latency
     * @param latencyMetric the name of the latency histogram in the {@code tidewise} group
     */
    public InfluxSink(InfluxSettings settings, PointWriter<T> pointWriter, ArrivalTime<T> arrivalTime,
            String latencyMetric) {
        this.settings = Validation.requireNonNull(settings, "influx settings");
        this.pointWriter = Validation.requireNonNull(pointWriter, "point writer");
        if ((arrivalTime == null) != (latencyMetric == null)) {
            throw new IllegalArgumentException("an arrival time needs a latency metric name and the other way "
                    + "round, had " + arrivalTime + " and " + latencyMetric);
        }
        this.arrivalTime = arrivalTime;
        this.latencyMetric = latencyMetric;
    }

    /** The {@code observation} measurement. */
    public static InfluxSink<Observation> observations(InfluxSettings settings) {
        return new InfluxSink<>(settings, InfluxWriter::write);
    }

    /**
     * The {@code forecast} measurement: one point per step at its target time. Reports
     * {@value JobMetrics#FORECAST_LATENCY_MS}.
     */
    public static InfluxSink<IssuedForecast> forecasts(InfluxSettings settings) {
        return new InfluxSink<>(settings, (writer, forecast) ->
                writer.writeForecast(forecast.toForecast(), forecast.modelId(), forecast.issuedAt()),
                IssuedForecast::arrivedAt, JobMetrics.FORECAST_LATENCY_MS);
    }

    /** The {@code dead_letter} measurement: dead-letter counts per stream, reason and interval. */
    public static InfluxSink<io.tidewise.streaming.deadletter.DeadLetterCount> deadLetterCounts(
            InfluxSettings settings) {
        return new InfluxSink<>(settings, (writer, count) ->
                writer.writeDeadLetterCount(count.stream(), count.reason(), count.intervalEnd(), count.count()));
    }

    /** The {@code accuracy} measurement. */
    public static InfluxSink<AccuracyPoint> accuracy(InfluxSettings settings) {
        return new InfluxSink<>(settings, (writer, point) -> writer.writeAccuracy(new AccuracyRecord(point.series(),
                point.modelId(), point.timestamp(), point.absoluteError(), point.scaledError(), point.covered80())));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer<>(InfluxStore.connect(settings), pointWriter, arrivalTime, latencyMetric,
                    context.metricGroup());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("connecting to InfluxDB at " + settings.url() + " was interrupted", e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final InfluxStore store;
        private final InfluxWriter writer;
        private final PointWriter<T> pointWriter;
        private final ArrivalTime<T> arrivalTime;
        private final Histogram latency;
        private final Counter writeErrors;

        Writer(InfluxStore store, PointWriter<T> pointWriter, ArrivalTime<T> arrivalTime, String latencyMetric,
                MetricGroup metrics) {
            this.store = store;
            this.writer = store.openWriter();
            this.pointWriter = pointWriter;
            this.arrivalTime = arrivalTime;
            MetricGroup tidewise = JobMetrics.tidewise(metrics);
            this.latency = arrivalTime == null ? null : JobMetrics.histogram(tidewise, latencyMetric);
            this.writeErrors = tidewise.counter(JobMetrics.INFLUX_WRITE_ERRORS);
            tidewise.gauge(JobMetrics.INFLUX_POINTS_WRITTEN, (Gauge<Long>) () -> writer.stats().pointsWritten());
            tidewise.gauge(JobMetrics.INFLUX_WRITE_RETRIES, (Gauge<Long>) () -> writer.stats().retries());
            tidewise.gauge(JobMetrics.INFLUX_POINTS_REJECTED, (Gauge<Long>) () -> writer.stats().pointsRejected());
        }

        @Override
        public void write(T element, Context context) throws InterruptedException {
            try {
                pointWriter.write(writer, element);
            } catch (RuntimeException e) {
                writeErrors.inc();
                throw e;
            }
            if (latency != null) {
                long arrivedAt = arrivalTime.arrivedAt(element);
                if (arrivedAt > 0) {
                    latency.update(Math.max(0, System.currentTimeMillis() - arrivedAt));
                }
            }
        }

        /** Called before every checkpoint barrier and at the end of input: returns once InfluxDB acknowledged. */
        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            try {
                writer.flush();
            } catch (RuntimeException e) {
                writeErrors.inc();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } finally {
                store.close();
            }
        }
    }
}
