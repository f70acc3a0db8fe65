package io.tidewise.store;

import io.tidewise.core.Forecast;
import io.tidewise.core.Observation;
import io.tidewise.core.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points and writes them in batches; never drops a point to keep up.
 *
 * <ul>
 *   <li><b>When points are written:</b> as soon as the buffer holds {@link InfluxSettings#batchSize()} points (in
 *       the calling thread), when a point has waited {@link InfluxSettings#flushInterval()} (in a background
 *       thread), and on {@link #flush()} and {@link #close()}. A successful {@code flush()} means InfluxDB has
 *       acknowledged every point written before it, which is what a Flink checkpoint needs.
 *   <li><b>Backpressure:</b> while a batch is failing transiently it is retried with the settings' backoff,
 *       holding the writer; every {@code write*}, {@code flush} and {@code close} call waits meanwhile. A slow or
 *       absent InfluxDB therefore slows the caller instead of growing the buffer or losing points. Waiting is
 *       interruptible: an interrupt ends it with {@link InterruptedException} and the points stay buffered.
 *   <li><b>Failures:</b> with a retry policy that gives up, {@link StoreUnavailableException} (points stay
 *       buffered for the next attempt). A batch InfluxDB refuses for good (e.g. a field type conflict) is taken out
 *       of the buffer and reported by {@link StoreException}. A failure in the background thread is thrown by the
 *       next call of the caller's own.
 *   <li><b>Idempotence:</b> a point's identity is its measurement, tags and time, so writing it twice (a retry
 *       after a timeout, a replay after a Flink restart) overwrites and never duplicates.
 * </ul>
 * The client's own batching ({@code enableBatch}) is not used: it writes from a background thread and hands
 * failed points to a callback after a bounded number of retries, i.e. drops them, and never blocks the producer.
 * Thread-safe; calls from several threads are serialized.
 */
public final class InfluxWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxWriter.class);

    private final InfluxDB client;
    private final InfluxSettings settings;
    private final Retrier retrier;
    private final ReentrantLock lock = new ReentrantLock();
    /** Line protocol, one point per line, in the order written. */
    private final List<String> buffer = new ArrayList<>();
    private final ScheduledExecutorService flusher;

    /** Replaced whole, under the lock, so a reader never sees a half-updated snapshot and never waits. */
    private volatile WriterStats stats = new WriterStats(0, 0, 0, 0, 0);
    private long oldestBufferedNanos;
    private RuntimeException backgroundFailure;
    private boolean closed;

    InfluxWriter(InfluxDB client, InfluxSettings settings, Function<Retrier.RetryListener, Retrier> retriers) {
        this.client = client;
        this.settings = settings;
        this.retrier = retriers.apply((what, attempts, cause) -> count(0, 0, 1, 0));
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "influx-writer-flush");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, settings.flushInterval().toMillis() / 2);
        flusher.scheduleWithFixedDelay(this::flushIfDue, period, period, TimeUnit.MILLISECONDS);
    }

    /** Buffers one observation: measurement {@code observation}, time = its timestamp. */
    public void write(Observation observation) throws InterruptedException {
        Validation.requireNonNull(observation, "observation");
        append(List.of(InfluxSchema.observationLine(observation)));
    }

    /** Buffers observations; if any is invalid, none is buffered. */
    public void writeObservations(Collection<Observation> observations) throws InterruptedException {
        Validation.requireNonNull(observations, "observations");
        List<String> lines = new ArrayList<>(observations.size());
        for (Observation observation : observations) {
            lines.add(InfluxSchema.observationLine(Validation.requireNonNull(observation, "observation")));
        }
        append(lines);
    }

    /**
     * Buffers one point per step of the forecast at the step's target time (each step needs a timestamp). A later
     * forecast of the same series and model for the same target time replaces this one.
     *
     * @param model the issuing model, {@code name@version}
     * @param issuedAt when the forecast was made; stored at millisecond precision
     */
    public void writeForecast(Forecast forecast, String model, Instant issuedAt) throws InterruptedException {
        Validation.requireNonNull(forecast, "forecast");
        append(InfluxSchema.forecastLines(forecast, model, issuedAt));
    }

    public void writeAccuracy(AccuracyRecord accuracy) throws InterruptedException {
        Validation.requireNonNull(accuracy, "accuracy");
        append(List.of(InfluxSchema.accuracyPoint(accuracy).lineProtocol(TimeUnit.NANOSECONDS)));
    }

    /**
     * Buffers the count of one stream's dead letters of one reason over an interval (measurement
     * {@code dead_letter}, time = the interval's end). Counts, not records: one point per stream, reason and
     * interval however many records failed.
     */
    public void writeDeadLetterCount(String stream, String reason, Instant intervalEnd, long count)
            throws InterruptedException {
        append(List.of(InfluxSchema.deadLetterPoint(stream, reason, intervalEnd, count)
                .lineProtocol(TimeUnit.NANOSECONDS)));
    }

    /**
     * Buffers one point of a metrics measurement (the layout of Flink's InfluxDB reporter: any measurement, tags and
     * numeric or text fields), for databases of metrics rather than of series. Tags with an empty value are left out
     * (InfluxDB refuses them); a field that is not a finite number, a boolean or a text is refused.
     */
    public void writeMetric(String measurement, java.util.Map<String, String> tags,
            java.util.Map<String, Object> fields, Instant time) throws InterruptedException {
        append(List.of(InfluxSchema.metricPoint(measurement, tags, fields, time).lineProtocol(TimeUnit.NANOSECONDS)));
    }

    /** Writes everything buffered and returns once InfluxDB has acknowledged it (or throws). */
    public void flush() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            throwBackgroundFailure();
            writeBuffered();
        } finally {
            lock.unlock();
        }
    }

    /** Never blocks, not even while a batch is being retried. */
    public WriterStats stats() {
        return stats;
    }

    /**
     * Stops the background flush and writes what is buffered, blocking as {@link #flush()} does. If that fails the
     * exception says so and the unwritten points are lost with the writer; the caller decides (e.g. Flink fails the
     * job and replays from its last checkpoint). An interrupt while closing ends the wait with a
     * {@link StoreException} (the thread's interrupt flag set again), since {@code close()} is not the place to
     * throw {@link InterruptedException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        try {
            lock.lockInterruptibly();
            try {
                if (closed) {
                    return;
                }
                closed = true;
            } finally {
                lock.unlock();
            }
            flusher.shutdownNow();
            // A background flush blocked in an HTTP call does not see the interrupt: wait for its timeout.
            Duration wait = settings.requestTimeout().plusSeconds(5);
            if (!flusher.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Background flush of the writer to {} did not stop within {}", settings.url(), wait);
            }
            lock.lockInterruptibly();
            try {
                throwBackgroundFailure();
                writeBuffered();
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("closing the writer to " + settings.url() + " was interrupted with "
                    + stats.pointsBuffered() + " points not written", e);
        }
    }

    private void append(List<String> points) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("writer to " + settings.url() + " is closed; open a new one");
            }
            throwBackgroundFailure();
            if (buffer.isEmpty()) {
                oldestBufferedNanos = System.nanoTime();
            }
            buffer.addAll(points);
            count(0, 0, 0, 0);
            if (buffer.size() >= settings.batchSize()) {
                writeBuffered();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held, after the buffer changed. */
    private void count(long written, long batches, long retried, long rejected) {
        WriterStats before = stats;
        stats = new WriterStats(before.pointsWritten() + written, before.batchesWritten() + batches,
                before.retries() + retried, before.pointsRejected() + rejected, buffer.size());
    }

    private void flushIfDue() {
        if (!lock.tryLock()) {
            return; // a caller is writing right now, and will take the buffer with it
        }
        try {
            boolean due = !buffer.isEmpty() && backgroundFailure == null
                    && System.nanoTime() - oldestBufferedNanos >= settings.flushInterval().toNanos();
            if (due) {
                writeBuffered();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() stops us; it writes the buffer itself
        } catch (RuntimeException e) {
            LOG.error("Background flush to {} failed; the writer's next call will throw it", settings.url(), e);
            backgroundFailure = e;
        } finally {
            lock.unlock();
        }
    }

    private void throwBackgroundFailure() {
        if (backgroundFailure != null) {
            RuntimeException failure = backgroundFailure;
            backgroundFailure = null;
            throw failure;
        }
    }

    /** Called with the lock held. Takes the buffer's points out only once InfluxDB has acknowledged them. */
    private void writeBuffered() throws InterruptedException {
        while (!buffer.isEmpty()) {
            List<String> batch = buffer.subList(0, Math.min(settings.batchSize(), buffer.size()));
            int size = batch.size();
            String first = batch.get(0);
            try {
                retrier.call("writing " + size + " points", () -> {
                    // the default retention policy, as a request without one; consistency ONE, the client's default
                    client.write(settings.database(), null, InfluxDB.ConsistencyLevel.ONE, TimeUnit.NANOSECONDS,
                            batch);
                    return null;
                });
            } catch (StoreUnavailableException e) {
                throw e;
            } catch (StoreException e) {
                batch.clear();
                count(0, 0, 0, size);
                throw new StoreException("InfluxDB refused a batch of " + size + " points (first: " + first
                        + "); they are not stored: " + e.getMessage(), e);
            }
            batch.clear();
            count(size, 1, 0, 0);
            oldestBufferedNanos = System.nanoTime();
        }
    }
}
