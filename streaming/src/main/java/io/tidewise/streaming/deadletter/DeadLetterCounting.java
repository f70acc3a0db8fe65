package io.tidewise.streaming.deadletter;

import io.tidewise.core.Validation;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.DeadLetterReason;
import io.tidewise.streaming.metrics.JobMetrics;
import io.tidewise.streaming.metrics.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts dead letters per stream and reason: a Flink counter {@code tidewise.stream.<s>.reason.<r>.deadLetters}
 * each, and one {@link DeadLetterCount} per stream and reason that had any, every {@code interval} and before every
 * checkpoint barrier (so the counts are never part of a checkpoint: nothing to restore, and a count emitted is
 * never emitted again).
 *
 * <p>Run it on a stream keyed by {@link #keyOf}: one subtask then owns each stream and reason, so two subtasks
 * never write the same InfluxDB point (same tags, same time) and overwrite each other's count.
 */
public final class DeadLetterCounting extends AbstractStreamOperator<DeadLetterCount>
        implements OneInputStreamOperator<DeadLetter, DeadLetterCount>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterCounting.class);

    /** Counts of a dead letter without a known reason carry this one. */
    public static final String UNKNOWN_REASON = "unknown";
    /** The longest a count waits to be written when checkpoints are further apart. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final long intervalMillis;

    private transient Map<StreamReason, Long> counts;
    private transient Map<StreamReason, Counter> counters;
    private transient long lastEmittedMillis;

    private record StreamReason(String stream, String reason) {}

    public DeadLetterCounting(Duration interval) {
        Validation.requireNonNull(interval, "dead-letter count interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("dead-letter count interval must be positive, was " + interval);
        }
        this.intervalMillis = interval.toMillis();
    }

    /** The key to partition dead letters by before counting them: stream and reason. */
    public static String keyOf(DeadLetter deadLetter) {
        return deadLetter.stream() + "\n" + reasonOf(deadLetter);
    }

    static String reasonOf(DeadLetter deadLetter) {
        DeadLetterReason reason = deadLetter.reason();
        return reason == null ? UNKNOWN_REASON : reason.wireName();
    }

    @Override
    public void open() throws Exception {
        super.open();
        counts = new LinkedHashMap<>();
        counters = new HashMap<>();
        scheduleEmit();
    }

    @Override
    public void processElement(StreamRecord<DeadLetter> element) {
        DeadLetter deadLetter = element.getValue();
        StreamReason key = new StreamReason(deadLetter.stream(), reasonOf(deadLetter));
        counts.merge(key, 1L, Long::sum);
        counters.computeIfAbsent(key, k -> JobMetrics.stream(getMetricGroup(), k.stream())
                .addGroup(JobMetrics.REASON, k.reason()).counter(JobMetrics.DEAD_LETTERS)).inc();
        if (LOG.isDebugEnabled()) {
            try (LogContext log = LogContext.of(deadLetter.stream(), null)) {
                LOG.debug("Dead letter from {}-{}@{}: {}", deadLetter.topic(), deadLetter.partition(),
                        deadLetter.offset(), deadLetter.error());
            }
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emit();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        emit();
    }

    private void scheduleEmit() {
        long next = getProcessingTimeService().getCurrentProcessingTime() + intervalMillis;
        getProcessingTimeService().registerTimer(next, time -> {
            emit();
            scheduleEmit();
        });
    }

    private void emit() {
        if (counts.isEmpty()) {
            return;
        }
        // Two emissions within one millisecond would write the same point twice: the second would replace the first.
        long now = Math.max(getProcessingTimeService().getCurrentProcessingTime(), lastEmittedMillis + 1);
        Instant end = Instant.ofEpochMilli(now);
        for (Map.Entry<StreamReason, Long> count : counts.entrySet()) {
            output.collect(new StreamRecord<>(new DeadLetterCount(count.getKey().stream(), count.getKey().reason(),
                    end, count.getValue())));
        }
        counts.clear();
        lastEmittedMillis = now;
    }
}
