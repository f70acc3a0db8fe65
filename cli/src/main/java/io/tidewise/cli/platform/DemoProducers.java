package io.tidewise.cli.platform;

import io.tidewise.core.Domain;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamCatalog;
import io.tidewise.ingest.generate.SyntheticSeries;
import io.tidewise.ingest.produce.KafkaRecordSink;
import io.tidewise.ingest.produce.NativeRecordEncoder;
import io.tidewise.ingest.produce.Pacer;
import io.tidewise.ingest.produce.RecordSink;
import io.tidewise.ingest.produce.SpeedFactor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic streams for the three demo domains onto the example streams of each domain, from one thread in event-time
 * order across all domains: first a history of {@code historySteps} steps per series up to now, as fast as
 * {@code rate} allows, then live at {@code speed} against event time, every domain on the same clock. The job keeps
 * a watermark per Kafka partition, so the domains need not share a clock for correctness; one clock keeps each
 * partition in event-time order, so the job's default out-of-orderness suffices, and the demo reads like a live day.
 */
public final class DemoProducers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoProducers.class);
    private static final List<Domain> DOMAINS = List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC);

    private final List<Feed> feeds = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private Thread thread;

    private DemoProducers() {}

    /**
     * Starts the producers for stock, economy and traffic on the first stream of that domain in {@code catalog}; a
     * domain without a stream is skipped with a warning. Returns at once: the records are sent on a thread of
     * their own.
     *
     * @param rate records per second over all domains while the history is sent
     */
    public static DemoProducers start(StreamCatalog catalog, String bootstrapServers, int seriesPerDomain,
            int historySteps, double rate, SpeedFactor speed) {
        if (seriesPerDomain <= 0) {
            throw new IllegalArgumentException("seriesPerDomain must be positive, was " + seriesPerDomain);
        }
        if (historySteps < 0) {
            throw new IllegalArgumentException("historySteps must not be negative, was " + historySteps);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + rate);
        }
        DemoProducers producers = new DemoProducers();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long seed = 1;
        try {
            for (Domain domain : DOMAINS) {
                List<StreamDefinition> streams = catalog.ofDomain(domain);
                if (streams.isEmpty()) {
                    LOG.warn("No stream definition of domain {}: no demo producer for it", domain.wireName());
                    continue;
                }
                StreamDefinition stream = streams.get(0);
                Duration step = stream.frequency().approximateDuration();
                SyntheticSeries series = SyntheticSeries.forDomain(domain, seriesPerDomain, seed++,
                        now.minus(step.multipliedBy(historySteps)));
                producers.feeds.add(new Feed(stream, series, new NativeRecordEncoder(stream),
                        new CountingSink(KafkaRecordSink.create(bootstrapServers), producers.sent)));
                LOG.info("Demo producer: {} series of {} onto {} (stream {})", seriesPerDomain, domain.wireName(),
                        stream.topic(), stream.name());
            }
        } catch (RuntimeException e) {
            producers.close();
            throw e;
        }
        producers.thread = new Thread(() -> producers.run(now, Pacer.byRate(rate), speed), "demo-producers");
        producers.thread.setDaemon(true);
        producers.thread.start();
        return producers;
    }

    private void run(Instant now, Pacer historyPacer, SpeedFactor speed) {
        PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparing(
                (Pending pending) -> pending.observation().timestamp()));
        feeds.forEach(feed -> queue.add(new Pending(feed, feed.series().next())));
        long liveSince = 0;
        try {
            while (!queue.isEmpty()) {
                Pending next = queue.poll();
                Instant time = next.observation().timestamp();
                if (time.isBefore(now)) {
                    historyPacer.awaitDue(time);
                } else {
                    if (liveSince == 0) {
                        feeds.forEach(feed -> feed.sink().flush());
                        LOG.info("Demo history sent ({} records); live at {}", sent.get(), speed);
                        liveSince = System.nanoTime();
                    }
                    awaitLive(now, liveSince, time, speed);
                }
                Feed feed = next.feed();
                feed.sink().send(feed.stream().topic(), feed.encoder().key(next.observation()),
                        feed.encoder().encode(next.observation()));
                queue.add(new Pending(feed, feed.series().next()));
            }
        } catch (InterruptedException e) {
            LOG.debug("Demo producers interrupted after {} records", sent.get());
        } catch (RuntimeException e) {
            LOG.error("The demo producers stopped after {} records", sent.get(), e);
        }
    }

    /** Sleeps until {@code time}, on the clock where {@code now} was at {@code liveSince} and runs at {@code speed}. */
    private static void awaitLive(Instant now, long liveSince, Instant time, SpeedFactor speed)
            throws InterruptedException {
        long due = liveSince + speed.wallTime(Duration.between(now, time)).toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Records sent so far, over all domains. */
    public long recordsSent() {
        return sent.get();
    }

    /** Interrupts the producers, waits for them, and closes their Kafka producers (which sends what is pending). */
    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Feed feed : feeds) {
            try {
                feed.sink().close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the Kafka producer of stream {} failed", feed.stream().name(), e);
            }
        }
        feeds.clear();
    }

    private record Feed(StreamDefinition stream, SyntheticSeries series, NativeRecordEncoder encoder,
            RecordSink sink) {}

    private record Pending(Feed feed, io.tidewise.core.Observation observation) {}

    /** Counts what a sink was given, for the status line. */
    private record CountingSink(RecordSink delegate, AtomicLong sent) implements RecordSink {
        @Override
        public void send(String topic, String key, byte[] value) {
            delegate.send(topic, key, value);
            sent.incrementAndGet();
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
