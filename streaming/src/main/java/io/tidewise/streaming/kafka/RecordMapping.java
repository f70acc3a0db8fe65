package io.tidewise.streaming.kafka;

import io.tidewise.core.Observation;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.Validation;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.DeadLetterReason;
import io.tidewise.ingest.mapping.MappingMetrics;
import io.tidewise.ingest.mapping.MappingResult;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.mapping.TopicRouter;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.streaming.metrics.JobMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns Kafka records into canonical observations. Records of the canonical topic are read as canonical JSON;
 * records of user topics go through every stream definition that reads their topic (ingest's {@link TopicRouter}),
 * so one record may yield several observations. Whatever cannot be mapped leaves through {@link #DEAD_LETTERS}
 * with its reason, and is counted per stream in the metric group {@code tidewise.stream.<name>} ({@link JobMetrics}): nothing is dropped silently
 * and the job keeps running.
 */
public final class RecordMapping extends ProcessFunction<SourceRecord, Observation> {
    private static final long serialVersionUID = 1L;

    /** Records that could not be mapped. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** The stream name dead letters of the canonical topic carry. */
    public static final String CANONICAL_STREAM = "canonical";

    private final List<DefinitionText> definitions;
    private final String canonicalTopic;

    private transient TopicRouter router;
    private transient Map<String, Counter> deadLettersByStream;
    private transient Map<String, Counter> observationsByStream;
    private transient Map<String, Counter> recordsInByStream;

    /**
     * @param definitions    the stream definitions reading user topics; may be empty when only the canonical topic
     *                       is read
     * @param canonicalTopic the topic of canonical observations, or null when it is not read
     */
    public RecordMapping(List<DefinitionText> definitions, String canonicalTopic) {
        Validation.requireNonNull(definitions, "definitions");
        if (definitions.isEmpty() && canonicalTopic == null) {
            throw new IllegalArgumentException("record mapping needs stream definitions or the canonical topic, "
                    + "had neither");
        }
        this.definitions = List.copyOf(definitions);
        this.canonicalTopic = canonicalTopic;
    }

    /**
     * The event time of raw records, for the source's watermark strategy: the earliest time among the observations
     * the record maps to (so no observation of it is behind the watermark it advances), or {@link Long#MIN_VALUE}
     * for a record that maps to none (a dead letter or a skipped header), which leaves the watermark where it is.
     * Assigned in the source, it lets Flink generate watermarks per split (per Kafka partition), not per task.
     */
    public SerializableTimestampAssigner<SourceRecord> eventTimes() {
        return new EventTimes(definitions, canonicalTopic);
    }

    private static TopicRouter routerOf(List<DefinitionText> definitions) {
        StreamDefinitionLoader loader = new StreamDefinitionLoader();
        List<StreamDefinition> parsed = new ArrayList<>();
        for (DefinitionText text : definitions) {
            parsed.add(loader.parse(text.yaml(), text.source()));
        }
        return parsed.isEmpty() ? null : new TopicRouter(parsed, new MappingMetrics());
    }

    @Override
    public void open(OpenContext openContext) {
        router = routerOf(definitions);
        deadLettersByStream = new HashMap<>();
        observationsByStream = new HashMap<>();
        recordsInByStream = new HashMap<>();
    }

    @Override
    public void processElement(SourceRecord record, Context context, Collector<Observation> out) {
        if (record.topic().equals(canonicalTopic)) {
            mapCanonical(record, context, out);
            return;
        }
        if (router == null) {
            throw new IllegalStateException("topic '" + record.topic() + "' is read by no stream definition");
        }
        for (MappingResult result : router.route(record)) {
            counter(recordsInByStream, result.stream(), JobMetrics.RECORDS_IN).inc();
            if (result instanceof MappingResult.Mapped mapped) {
                counter(observationsByStream, mapped.stream(), "observations").inc();
                out.collect(mapped.observation());
            } else if (result instanceof MappingResult.Rejected rejected) {
                deadLetter(rejected.deadLetter(), context);
            } else {
                counter(observationsByStream, result.stream(), "skippedHeaders").inc();
            }
        }
    }

    private void mapCanonical(SourceRecord record, Context context, Collector<Observation> out) {
        counter(recordsInByStream, CANONICAL_STREAM, JobMetrics.RECORDS_IN).inc();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            deadLetter(deadLetterOf(record, null, DeadLetterReason.EMPTY_RECORD, "the record has no value"), context);
            return;
        }
        String raw = new String(value, StandardCharsets.UTF_8);
        try {
            out.collect(CanonicalJson.readObservation(value));
            counter(observationsByStream, CANONICAL_STREAM, "observations").inc();
        } catch (IllegalArgumentException e) {
            deadLetter(deadLetterOf(record, raw, DeadLetterReason.MALFORMED_JSON, e.getMessage()), context);
        }
    }

    private static DeadLetter deadLetterOf(SourceRecord record, String raw, DeadLetterReason reason, String why) {
        return DeadLetter.bounded(CANONICAL_STREAM, record.topic(), record.partition(), record.offset(), raw, reason,
                why);
    }

    private void deadLetter(DeadLetter deadLetter, Context context) {
        counter(deadLettersByStream, deadLetter.stream(), "deadLetters").inc();
        context.output(DEAD_LETTERS, deadLetter);
    }

    private Counter counter(Map<String, Counter> counters, String stream, String name) {
        return counters.computeIfAbsent(stream + "/" + name,
                key -> JobMetrics.stream(getRuntimeContext().getMetricGroup(), stream).counter(name));
    }

    /** {@link #eventTimes()}: maps the record as {@link RecordMapping} does, keeping only the observation times. */
    private static final class EventTimes implements SerializableTimestampAssigner<SourceRecord> {
        private static final long serialVersionUID = 1L;

        private final List<DefinitionText> definitions;
        private final String canonicalTopic;
        private transient TopicRouter router;

        EventTimes(List<DefinitionText> definitions, String canonicalTopic) {
            this.definitions = definitions;
            this.canonicalTopic = canonicalTopic;
        }

        @Override
        public long extractTimestamp(SourceRecord record, long recordTimestamp) {
            if (record.topic().equals(canonicalTopic)) {
                byte[] value = record.value();
                if (value == null || value.length == 0) {
                    return Long.MIN_VALUE;
                }
                try {
                    return CanonicalJson.readObservation(value).timestamp().toEpochMilli();
                } catch (IllegalArgumentException e) {
                    return Long.MIN_VALUE;
                }
            }
            if (definitions.isEmpty()) {
                return Long.MIN_VALUE; // RecordMapping fails the job on such a record
            }
            if (router == null) {
                router = routerOf(definitions);
            }
            List<MappingResult> results;
            try {
                results = router.route(record);
            } catch (RuntimeException e) {
                return Long.MIN_VALUE; // RecordMapping reports it
            }
            long earliest = Long.MAX_VALUE;
            for (MappingResult result : results) {
                if (result instanceof MappingResult.Mapped mapped) {
                    earliest = Math.min(earliest, mapped.observation().timestamp().toEpochMilli());
                }
            }
            return earliest == Long.MAX_VALUE ? Long.MIN_VALUE : earliest;
        }
    }
}
