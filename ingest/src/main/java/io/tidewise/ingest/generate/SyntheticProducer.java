package io.tidewise.ingest.generate;

import io.tidewise.core.Observation;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.mapping.SeriesIdTemplate;
import io.tidewise.ingest.produce.NativeRecordEncoder;
import io.tidewise.ingest.produce.Pacer;
import io.tidewise.ingest.produce.RecordSink;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends synthetic series onto a stream's topic in the stream's native layout at a given rate: what
 * {@code ./tidewise ingest generate --domain stock --series N --rate R} runs. Without a limit it runs until its
 * thread is interrupted.
 *
 * <pre>{@code
 * long sent = SyntheticProducer.builder()
 *         .setSeries(SyntheticSeries.forDomain(Domain.STOCK, 50, 42L, Instant.now()))
 *         .setDefinition(catalog.get("stock-ticks"))
 *         .setSink(KafkaRecordSink.create("localhost:9092"))
 *         .optRate(200)
 *         .build()
 *         .run();
 * }</pre>
 */
public final class SyntheticProducer {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticProducer.class);

    private final SyntheticSeries series;
    private final StreamDefinition definition;
    private final RecordSink sink;
    private final String topic;
    private final Pacer pacer;
    private final long limit;
    private final Instant eventTimeLimit;

    private SyntheticProducer(Builder builder) {
        this.series = builder.series;
        this.definition = builder.definition;
        this.sink = builder.sink;
        this.topic = builder.topic == null ? builder.definition.topic() : builder.topic;
        this.pacer = builder.pacer == null ? Pacer.byRate(builder.rate) : builder.pacer;
        this.limit = builder.limit;
        this.eventTimeLimit = builder.eventTimeLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends until the record limit or the event-time limit is reached, or the thread is interrupted; then flushes
     * the sink (which stays open: the caller owns it).
     *
     * @return the number of records sent
     */
    public long run() {
        NativeRecordEncoder encoder = new NativeRecordEncoder(definition);
        long sent = 0;
        boolean interrupted = false;
        try {
            while (sent < limit) {
                Observation observation = series.next();
                if (eventTimeLimit != null && !observation.timestamp().isBefore(eventTimeLimit)) {
                    break;
                }
                pacer.awaitDue(observation.timestamp());
                sink.send(topic, encoder.key(observation), encoder.encode(observation));
                sent++;
            }
        } catch (InterruptedException e) {
            interrupted = true;
            LOG.info("Synthetic {} producer interrupted after {} records", series.domain().wireName(), sent);
        } finally {
            // Flush before restoring the interrupt: Kafka's flush refuses to wait on an interrupted thread.
            sink.flush();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Sent {} synthetic {} records of {} series onto {} as stream {}", sent, series.domain().wireName(),
                series.series().size(), topic, definition.name());
        return sent;
    }

    /** Builds a {@link SyntheticProducer}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private SyntheticSeries series;
        private StreamDefinition definition;
        private RecordSink sink;
        private String topic;
        private double rate = Double.POSITIVE_INFINITY;
        private Pacer pacer;
        private long limit = Long.MAX_VALUE;
        private Instant eventTimeLimit;

        private Builder() {}

        public Builder setSeries(SyntheticSeries series) {
            this.series = series;
            return this;
        }

        /** The stream whose native layout and topic the records take; its template must fit the series ids. */
        public Builder setDefinition(StreamDefinition definition) {
            this.definition = definition;
            return this;
        }

        public Builder setSink(RecordSink sink) {
            this.sink = sink;
            return this;
        }

        public Builder optTopic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Records per second over all series; unlimited by default. */
        public Builder optRate(double recordsPerSecond) {
            if (!(recordsPerSecond > 0)) {
                throw new IllegalArgumentException("rate must be positive records per second, was " + recordsPerSecond);
            }
            this.rate = recordsPerSecond;
            return this;
        }

        /** A pacer of one's own (tests); overrides {@link #optRate}. */
        public Builder optPacer(Pacer pacer) {
            this.pacer = pacer;
            return this;
        }

        /** Stop after this many records. */
        public Builder optLimit(long records) {
            if (records <= 0) {
                throw new IllegalArgumentException("limit must be positive, was " + records);
            }
            this.limit = records;
            return this;
        }

        /** Stop before the first record at or after this event time. */
        public Builder optEventTimeLimit(Instant eventTimeLimit) {
            this.eventTimeLimit = eventTimeLimit;
            return this;
        }

        public SyntheticProducer build() {
            if (series == null) {
                throw new IllegalArgumentException("series is required but was null (setSeries)");
            }
            if (definition == null) {
                throw new IllegalArgumentException("definition is required but was null (setDefinition)");
            }
            if (sink == null) {
                throw new IllegalArgumentException("sink is required but was null (setSink)");
            }
            SeriesIdTemplate template = new SeriesIdTemplate(definition.seriesIdTemplate());
            try {
                template.extract(series.series().get(0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("definition '" + definition.name() + "' cannot carry the synthetic "
                        + series.domain().wireName() + " series: " + e.getMessage(), e);
            }
            return new SyntheticProducer(this);
        }
    }
}
