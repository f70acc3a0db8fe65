package io.tidewise.streaming.influx;

import io.tidewise.core.Observation;
import io.tidewise.core.Validation;
import io.tidewise.store.AccuracyRecord;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.inference.IssuedForecast;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes one kind of job output to InfluxDB, one {@link InfluxWriter} per subtask. Writes block while InfluxDB is
 * slow or away (the store retries with backoff), which backpressures the job instead of dropping points.
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

    private final InfluxSettings settings;
    private final PointWriter<T> pointWriter;

    public InfluxSink(InfluxSettings settings, PointWriter<T> pointWriter) {
        this.settings = Validation.requireNonNull(settings, "influx settings");
        this.pointWriter = Validation.requireNonNull(pointWriter, "point writer");
    }

    /** The {@code observation} measurement. */
    public static InfluxSink<Observation> observations(InfluxSettings settings) {
        return new InfluxSink<>(settings, InfluxWriter::write);
    }

    /** The {@code forecast} measurement: one point per step at its target time. */
    public static InfluxSink<IssuedForecast> forecasts(InfluxSettings settings) {
        return new InfluxSink<>(settings, (writer, forecast) ->
                writer.writeForecast(forecast.toForecast(), forecast.modelId(), forecast.issuedAt()));
    }

    /** The {@code accuracy} measurement. */
    public static InfluxSink<AccuracyPoint> accuracy(InfluxSettings settings) {
        return new InfluxSink<>(settings, (writer, point) -> writer.writeAccuracy(new AccuracyRecord(point.series(),
                point.modelId(), point.timestamp(), point.absoluteError(), point.scaledError(), point.covered80())));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer<>(InfluxStore.connect(settings), pointWriter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("connecting to InfluxDB at " + settings.url() + " was interrupted", e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final InfluxStore store;
        private final InfluxWriter writer;
        private final PointWriter<T> pointWriter;

        Writer(InfluxStore store, PointWriter<T> pointWriter) {
            this.store = store;
            this.writer = store.openWriter();
            this.pointWriter = pointWriter;
        }

        @Override
        public void write(T element, Context context) throws InterruptedException {
            pointWriter.write(writer, element);
        }

        /** Called before every checkpoint barrier and at the end of input: returns once InfluxDB acknowledged. */
        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            writer.flush();
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
