package io.tidewise.streaming.kafka;

import io.tidewise.core.Validation;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.streaming.inference.IssuedForecast;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds the job's Kafka source, its dead-letter sink and the optional forecasts sink. */
public final class KafkaEdges {
    private KafkaEdges() {}

    /**
     * A source of raw records from {@code topics}, resuming from the group's committed offsets (the earliest for a
     * new group). Offsets are part of Flink's checkpoints, so a restore rereads exactly what followed the
     * checkpoint.
     *
     * @param bounded stop at the offsets that are the latest when the job starts (replays and tests); otherwise
     *                run for ever
     */
    // The connector's committedOffsets() still takes Kafka's OffsetResetStrategy, deprecated since Kafka 4.0.
    @SuppressWarnings("deprecation")
    public static KafkaSource<SourceRecord> rawRecords(String bootstrapServers, Collection<String> topics,
            String groupId, boolean bounded) {
        Validation.requireNonBlank(bootstrapServers, "bootstrap servers");
        Validation.requireNonNull(topics, "topics");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics must name at least one topic, was empty");
        }
        Validation.requireNonBlank(groupId, "group id");
        var builder = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(List.copyOf(topics))
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SourceRecordDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Forecasts as {@link ForecastJson} lays them out, keyed by series. At least once: a forecast repeated after a
     * restore is the same forecast (same series, model and issue time).
     */
    public static KafkaSink<IssuedForecast> forecasts(String bootstrapServers, String topic) {
        Validation.requireNonBlank(bootstrapServers, "bootstrap servers");
        Validation.requireNonBlank(topic, "forecasts topic");
        return KafkaSink.<IssuedForecast>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<IssuedForecast>) (forecast, context, time) ->
                        new ProducerRecord<>(topic, forecast.series().value().getBytes(StandardCharsets.UTF_8),
                                ForecastJson.write(forecast)))
                .build();
    }

    /**
     * Dead letters as ARCHITECTURE.md lays them out, keyed by their stream. At least once: a dead letter repeated
     * after a restore names the same topic, partition and offset, so it is recognisably the same.
     */
    public static KafkaSink<DeadLetter> deadLetters(String bootstrapServers, String topic) {
        Validation.requireNonBlank(bootstrapServers, "bootstrap servers");
        Validation.requireNonBlank(topic, "dead-letter topic");
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<DeadLetter>) (deadLetter, context, timestamp) ->
                        new ProducerRecord<>(topic, deadLetter.stream().getBytes(StandardCharsets.UTF_8),
                                CanonicalJson.writeDeadLetter(deadLetter)))
                .build();
    }
}
