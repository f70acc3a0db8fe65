package io.tidewise.ingest.produce;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.ingest.mapping.SeriesIdTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a long CSV ({@code series_id,timestamp,value}) onto a stream's topic in the stream's native layout, in
 * event-time order across all series (ties in series-id order), paced at a {@link SpeedFactor}: what
 * {@code ./tidewise ingest replay FILE.csv --stream NAME --speed 60x} runs.
 *
 * <p>Missing values (empty value fields) are not sent: a missing value is the absence of an observation. Series the
 * stream cannot carry (ids that do not fit its series template, step indices instead of times) and series the file
 * gets wrong are reported in the {@link ReplaySummary} and logged, and the others are replayed; a file with no
 * replayable series at all is an error.
 *
 * <pre>{@code
 * ReplaySummary summary = CsvReplay.builder()
 *         .setDefinition(catalog.get("stock-ticks"))
 *         .setInput(Path.of("prices.csv"))
 *         .setSink(KafkaRecordSink.create("localhost:9092"))
 *         .optSpeed(SpeedFactor.parse("60x"))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class CsvReplay {
    private static final Logger LOG = LoggerFactory.getLogger(CsvReplay.class);

    private final StreamDefinition definition;
    private final Path input;
    private final LongCsvContent content;
    private final RecordSink sink;
    private final String topic;
    private final Pacer pacer;

    private CsvReplay(Builder builder) {
        this.definition = builder.definition;
        this.input = builder.input;
        this.content = builder.content;
        this.sink = builder.sink;
        this.topic = builder.topic == null ? builder.definition.topic() : builder.topic;
        this.pacer = builder.pacer == null ? Pacer.byEventTime(builder.speed) : builder.pacer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends every observation, then flushes the sink (it stays open: the caller owns it).
     *
     * @throws IOException              if the file cannot be read or is not a long CSV at all
     * @throws IllegalArgumentException if no series of the file can be replayed on this stream
     * @throws InterruptedException     if interrupted while pacing; what was sent so far is flushed
     */
    public ReplaySummary run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        LongCsvContent data = content != null ? content : LongCsvReader.read(input);
        List<String> rejected = new ArrayList<>();
        for (SeriesProblem problem : data.problems()) {
            rejected.add(problem.describe());
        }
        SeriesIdTemplate template = new SeriesIdTemplate(definition.seriesIdTemplate());
        List<Observation> observations = new ArrayList<>();
        long missing = 0;
        int replayable = 0;
        for (SeriesData series : data.series()) {
            String unfit = unfitReason(series, template);
            if (unfit != null) {
                rejected.add(data.sourceName() + ": series " + series.series() + " " + unfit);
                continue;
            }
            replayable++;
            for (int i = 0; i < series.size(); i++) {
                if (Double.isNaN(series.value(i))) {
                    missing++;
                } else {
                    observations.add(new Observation(series.series(), series.time(i).instant(), series.value(i),
                            definition.domain()));
                }
            }
        }
        rejected.forEach(message -> LOG.warn("Not replayed: {}", message));
        if (replayable == 0) {
            throw new IllegalArgumentException("no series of " + data.sourceName() + " can be replayed on stream '"
                    + definition.name() + "'" + (rejected.isEmpty() ? " (the file holds no series)"
                    : ": " + rejected.get(0) + (rejected.size() > 1 ? " (and " + (rejected.size() - 1) + " more)" : "")));
        }
        observations.sort(Comparator.comparing(Observation::timestamp).thenComparing(Observation::series));
        NativeRecordEncoder encoder = new NativeRecordEncoder(definition);
        long sent = 0;
        try {
            for (Observation observation : observations) {
                pacer.awaitDue(observation.timestamp());
                sink.send(topic, encoder.key(observation), encoder.encode(observation));
                sent++;
            }
        } finally {
            sink.flush();
        }
        Instant first = observations.isEmpty() ? null : observations.get(0).timestamp();
        Instant last = observations.isEmpty() ? null : observations.get(observations.size() - 1).timestamp();
        ReplaySummary summary = new ReplaySummary(sent, replayable, missing, rejected, first, last,
                Duration.ofNanos(System.nanoTime() - started));
        LOG.info("Replayed {} records of {} series from {} onto {} as stream {} ({} missing values skipped, {} series"
                + " not replayed)", sent, replayable, data.sourceName(), topic, definition.name(), missing,
                rejected.size());
        return summary;
    }

    private static String unfitReason(SeriesData series, SeriesIdTemplate template) {
        if (!series.timeKind().hasCalendar()) {
            return "has step indices, not times: a stream needs event times";
        }
        try {
            template.extract(series.series());
            return null;
        } catch (IllegalArgumentException e) {
            return "does not fit the stream: " + e.getMessage();
        }
    }

    /** Builds a {@link CsvReplay}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private StreamDefinition definition;
        private Path input;
        private LongCsvContent content;
        private RecordSink sink;
        private String topic;
        private SpeedFactor speed = SpeedFactor.MAX;
        private Pacer pacer;

        private Builder() {}

        /** The stream whose native layout and topic the records take. */
        public Builder setDefinition(StreamDefinition definition) {
            this.definition = definition;
            return this;
        }

        /** The long CSV file to replay (or {@link #setContent}). */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /** Already-read long CSV content to replay (or {@link #setInput}). */
        public Builder setContent(LongCsvContent content) {
            this.content = content;
            return this;
        }

        public Builder setSink(RecordSink sink) {
            this.sink = sink;
            return this;
        }

        /** Another topic than the definition's. */
        public Builder optTopic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Replay speed; {@link SpeedFactor#MAX} by default. */
        public Builder optSpeed(SpeedFactor speed) {
            this.speed = Objects.requireNonNull(speed, "speed");
            return this;
        }

        /** A pacer of one's own (tests); overrides {@link #optSpeed}. */
        public Builder optPacer(Pacer pacer) {
            this.pacer = pacer;
            return this;
        }

        public CsvReplay build() {
            if (definition == null) {
                throw new IllegalArgumentException("definition is required but was null (setDefinition)");
            }
            if ((input == null) == (content == null)) {
                throw new IllegalArgumentException("exactly one of input (setInput) and content (setContent) is "
                        + "required, was " + (input == null ? "neither" : "both"));
            }
            if (sink == null) {
                throw new IllegalArgumentException("sink is required but was null (setSink)");
            }
            if (topic != null && topic.isBlank()) {
                throw new IllegalArgumentException("topic must not be blank, was '" + topic + "'");
            }
            return new CsvReplay(this);
        }
    }
}
