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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthetic streams for the three demo domains onto the example streams of each domain, from one thread in event-time
 * order across all domains: first a history of {@code historySteps} steps per series up to now, as fast as
 * {@code rate} allows, then live at {@code speed} against event time, every domain on the same clock. The job keeps
 * a watermark per Kafka partition, so the domains need not share a clock for correctness; one clock keeps each
 * partition in event-time order, so the job's default out-of-orderness suffices, and the demo reads like a live day.
 *
 * <p>With a position file (the data directory's), a restart resumes where the producers stopped: the same series
 * (same origin, count and seeds), skipping what earlier runs already sent, live from the event time they had reached.
 * Not "live from now": at {@code 60x} the demo's event time runs ahead of the wall clock, so a fresh "now" would lie
 * behind the last steps the job closed and every record would be dropped as late; and not a second history, which
 * would be late too. The position is saved after the records it counts were flushed to Kafka (every few seconds and
 * on close), so a crash re-sends at most those few seconds, which the job counts as late observations.
 */
public final class DemoProducers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoProducers.class);
    private static final List<Domain> DOMAINS = List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC);

    /** How often the producers' position is saved while they run. */
    private static final Duration SAVE_INTERVAL = Duration.ofSeconds(5);

    private final List<Feed> feeds = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final Path positionFile;
    private DemoPosition origin;
    private Thread thread;

    private DemoProducers(Path positionFile) {
        this.positionFile = positionFile;
    }

    /**
     * Starts the producers for stock, economy and traffic on the first stream of that domain in {@code catalog}; a
     * domain without a stream is skipped with a warning. Returns at once: the records are sent on a thread of
     * their own.
     *
     * @param rate records per second over all domains while the history is sent
     * @param positionFile where the producers keep their position across restarts; null for none (every start
     *        sends a fresh history)
     */
    public static DemoProducers start(StreamCatalog catalog, String bootstrapServers, int seriesPerDomain,
            int historySteps, double rate, SpeedFactor speed, Path positionFile) throws IOException {
        return start(catalog, stream -> KafkaRecordSink.create(bootstrapServers), seriesPerDomain, historySteps,
                rate, speed, positionFile, Instant.now());
    }

    /** {@link #start(StreamCatalog, String, int, int, double, SpeedFactor, Path)} onto any sinks, at any "now". */
    static DemoProducers start(StreamCatalog catalog, Function<StreamDefinition, RecordSink> sinks,
            int seriesPerDomain, int historySteps, double rate, SpeedFactor speed, Path positionFile,
            Instant wallNow) throws IOException {
        if (seriesPerDomain <= 0) {
            throw new IllegalArgumentException("seriesPerDomain must be positive, was " + seriesPerDomain);
        }
        if (historySteps < 0) {
            throw new IllegalArgumentException("historySteps must not be negative, was " + historySteps);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + rate);
        }
        DemoProducers producers = new DemoProducers(positionFile);
        DemoPosition resumed = positionFile == null ? null : DemoPosition.load(positionFile);
        if (resumed != null && (resumed.seriesPerDomain() != seriesPerDomain
                || resumed.historySteps() != historySteps)) {
            LOG.warn("The demo producers continue their {} series per domain with {} steps of history from {}; "
                    + "--series {} --history {} apply to a new data directory", resumed.seriesPerDomain(),
                    resumed.historySteps(), positionFile, seriesPerDomain, historySteps);
        }
        Instant now = resumed != null ? resumed.historyEnd() : wallNow.truncatedTo(ChronoUnit.SECONDS);
        int seriesCount = resumed != null ? resumed.seriesPerDomain() : seriesPerDomain;
        int history = resumed != null ? resumed.historySteps() : historySteps;
        producers.origin = new DemoPosition(now, seriesCount, history, Map.of());
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
                SyntheticSeries series = SyntheticSeries.forDomain(domain, seriesCount, seed++,
                        now.minus(step.multipliedBy(history)));
                long alreadySent = resumed == null ? 0 : resumed.sentOf(domain);
                for (long skipped = 0; skipped < alreadySent; skipped++) {
                    series.next();
                }
                producers.feeds.add(new Feed(domain, stream, series, new NativeRecordEncoder(stream),
                        new CountingSink(sinks.apply(stream), producers.sent), new AtomicLong(alreadySent)));
                LOG.info("Demo producer: {} series of {} onto {} (stream {}){}", seriesCount, domain.wireName(),
                        stream.topic(), stream.name(), alreadySent == 0 ? ""
                                : ", continuing after the " + alreadySent + " observations sent before");
            }
        } catch (RuntimeException e) {
            producers.close();
            throw e;
        }
        try {
            producers.savePosition(); // an early crash must not send the history a second time
        } catch (IOException | RuntimeException e) {
            producers.close();
            throw e;
        }
        producers.thread = new Thread(() -> producers.run(now, Pacer.byRate(rate), speed), "demo-producers");
        producers.thread.setDaemon(true);
        producers.thread.start();
        return producers;
    }

    private void run(Instant historyEnd, Pacer historyPacer, SpeedFactor speed) {
        PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparing(
                (Pending pending) -> pending.observation().timestamp()));
        feeds.forEach(feed -> queue.add(new Pending(feed, feed.series().next())));
        long liveSince = 0;
        // Resumed past its history, the live clock restarts where the last run stopped, not at the history's end.
        Instant now = queue.isEmpty() || queue.peek().observation().timestamp().isBefore(historyEnd) ? historyEnd
                : queue.peek().observation().timestamp();
        long lastSave = System.nanoTime();
        try {
            while (!queue.isEmpty()) {
                if (positionFile != null && System.nanoTime() - lastSave > SAVE_INTERVAL.toNanos()) {
                    feeds.forEach(feed -> feed.sink().flush());
                    savePosition();
                    lastSave = System.nanoTime();
                }
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
                feed.sent().incrementAndGet();
                queue.add(new Pending(feed, feed.series().next()));
            }
        } catch (InterruptedException e) {
            LOG.debug("Demo producers interrupted after {} records", sent.get());
        } catch (IOException | RuntimeException e) {
            LOG.error("The demo producers stopped after {} records", sent.get(), e);
        }
    }

    /** Writes how many observations each domain has sent; only call it once those were flushed to Kafka. */
    private void savePosition() throws IOException {
        if (positionFile == null) {
            return;
        }
        Map<Domain, Long> sentByDomain = new java.util.EnumMap<>(Domain.class);
        feeds.forEach(feed -> sentByDomain.put(feed.domain(), feed.sent().get()));
        new DemoPosition(origin.historyEnd(), origin.seriesPerDomain(), origin.historySteps(), sentByDomain)
                .save(positionFile);
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

    /**
     * Interrupts the producers, waits for them, closes their Kafka producers (which sends what is pending), and saves
     * their position.
     */
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
        boolean flushed = true;
        for (Feed feed : feeds) {
            try {
                feed.sink().close();
            } catch (RuntimeException e) {
                flushed = false;
                LOG.warn("Closing the Kafka producer of stream {} failed", feed.stream().name(), e);
            }
        }
        if (flushed && (thread == null || !thread.isAlive())) {
            try {
                savePosition();
            } catch (IOException e) {
                LOG.warn("The demo producers' position could not be saved to {}", positionFile, e);
            }
        }
        feeds.clear();
    }

    private record Feed(Domain domain, StreamDefinition stream, SyntheticSeries series, NativeRecordEncoder encoder,
            RecordSink sink, AtomicLong sent) {}

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
