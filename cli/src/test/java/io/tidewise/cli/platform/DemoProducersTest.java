package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamCatalog;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.produce.RecordSink;
import io.tidewise.ingest.produce.SpeedFactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo producers stopped and started again on their position continue their series: no gap, no repeat. */
class DemoProducersTest {
    private static final Path STREAMS = Path.of("..", "streams");
    private static final Instant FIRST_START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aRestartOnTheSamePositionContinuesWhereTheFirstRunStoppedInsteadOfSendingAHistoryAgain() throws Exception {
        StreamCatalog catalog = new StreamDefinitionLoader().loadDirectory(STREAMS);
        Map<String, List<String>> uninterrupted = produce(catalog, null, 6_000, FIRST_START);

        Path position = dir.resolve("demo-producers.properties");
        Map<String, List<String>> first = produce(catalog, position, 1_000, FIRST_START);
        DemoPosition saved = DemoPosition.load(position);
        for (Domain domain : List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC)) {
            String topic = catalog.ofDomain(domain).get(0).topic();
            assertThat(saved.sentOf(domain)).as("saved count of %s", domain)
                    .isEqualTo(first.getOrDefault(topic, List.of()).size());
        }
        // a day later on the wall clock: the series continue from where they were, not from "now"
        Map<String, List<String>> second = produce(catalog, position, 2_000, FIRST_START.plus(Duration.ofDays(1)));

        assertThat(uninterrupted).hasSize(3);
        // the monthly economy stream may get no new step in the second run's few event-time days
        assertThat(second).containsKeys(catalog.ofDomain(Domain.STOCK).get(0).topic(),
                catalog.ofDomain(Domain.TRAFFIC).get(0).topic());
        for (String topic : uninterrupted.keySet()) {
            List<String> resumed = new ArrayList<>(first.getOrDefault(topic, List.of()));
            resumed.addAll(second.getOrDefault(topic, List.of()));
            assertThat(uninterrupted.get(topic)).as("records of %s", topic).hasSizeGreaterThanOrEqualTo(resumed.size());
            assertThat(resumed).as("records of %s across the restart", topic)
                    .isEqualTo(uninterrupted.get(topic).subList(0, resumed.size()));
        }
    }

    /** Runs the producers as fast as they go until {@code limit} records were sent; returns them by topic. */
    private static Map<String, List<String>> produce(StreamCatalog catalog, Path position, int limit, Instant now)
            throws Exception {
        Map<String, List<String>> records = new TreeMap<>();
        AtomicInteger total = new AtomicInteger();
        Object done = new Object();
        DemoProducers producers = DemoProducers.start(catalog,
                (StreamDefinition stream) -> new LimitedSink(records, total, limit, done), 2, 48, 1e9,
                SpeedFactor.MAX, position, now);
        try {
            synchronized (done) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (total.get() < limit && System.nanoTime() < deadline) {
                    done.wait(1_000);
                }
            }
        } finally {
            producers.close();
        }
        assertThat(total.get()).isEqualTo(limit);
        return records;
    }

    /** Collects records until the limit, then blocks the producer until it is interrupted by close(). */
    private record LimitedSink(Map<String, List<String>> records, AtomicInteger total, int limit, Object done)
            implements RecordSink {
        @Override
        public void send(String topic, String key, byte[] value) {
            synchronized (done) {
                if (total.get() >= limit) {
                    done.notifyAll();
                    try {
                        done.wait(); // until close() interrupts the producer thread
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("stopped at the limit");
                }
                records.computeIfAbsent(topic, ignored -> new ArrayList<>())
                        .add(key + " " + new String(value, StandardCharsets.UTF_8));
                total.incrementAndGet();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
