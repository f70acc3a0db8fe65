package io.tidewise.ingest.mapping;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what became of records, per stream: observations, dead letters by reason, skipped header lines. A plain
 * thread-safe holder: a Flink job or a command reads {@link #snapshot()} and exposes it however it exposes metrics.
 */
public final class MappingMetrics {
    private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();

    /** Counts one outcome. */
    public void record(MappingResult result) {
        StreamCounters counters = streams.computeIfAbsent(result.stream(), name -> new StreamCounters());
        if (result instanceof MappingResult.Mapped) {
            counters.observations.increment();
        } else if (result instanceof MappingResult.Rejected rejected) {
            counters.deadLetters.get(rejected.reason()).increment();
        } else {
            counters.skippedHeaders.increment();
        }
    }

    public long observations(String stream) {
        StreamCounters counters = streams.get(Objects.requireNonNull(stream, "stream"));
        return counters == null ? 0 : counters.observations.sum();
    }

    /** All dead letters of a stream, whatever the reason. */
    public long deadLetters(String stream) {
        return snapshotOf(stream).deadLetters().values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetters(String stream, DeadLetterReason reason) {
        return snapshotOf(stream).deadLetters().getOrDefault(reason, 0L);
    }

    public long skippedHeaders(String stream) {
        StreamCounters counters = streams.get(Objects.requireNonNull(stream, "stream"));
        return counters == null ? 0 : counters.skippedHeaders.sum();
    }

    /** A consistent-enough copy of all counters by stream name (counters may move while it is taken). */
    public Map<String, StreamCounts> snapshot() {
        Map<String, StreamCounts> copy = new TreeMap<>();
        streams.keySet().forEach(name -> copy.put(name, snapshotOf(name)));
        return copy;
    }

    private StreamCounts snapshotOf(String stream) {
        StreamCounters counters = streams.get(Objects.requireNonNull(stream, "stream"));
        if (counters == null) {
            return new StreamCounts(0, Map.of(), 0);
        }
        Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);
        counters.deadLetters.forEach((reason, adder) -> {
            long count = adder.sum();
            if (count > 0) {
                deadLetters.put(reason, count);
            }
        });
        return new StreamCounts(counters.observations.sum(), deadLetters, counters.skippedHeaders.sum());
    }

    /** The counters of one stream at one moment; {@code deadLetters} holds only reasons that occurred. */
    public record StreamCounts(long observations, Map<DeadLetterReason, Long> deadLetters, long skippedHeaders) {
        public StreamCounts {
            deadLetters = Map.copyOf(deadLetters);
        }

        public long totalDeadLetters() {
            return deadLetters.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final class StreamCounters {
        final LongAdder observations = new LongAdder();
        final LongAdder skippedHeaders = new LongAdder();
        final Map<DeadLetterReason, LongAdder> deadLetters = new EnumMap<>(DeadLetterReason.class);

        StreamCounters() {
            for (DeadLetterReason reason : DeadLetterReason.values()) {
                deadLetters.put(reason, new LongAdder());
            }
        }
    }
}
