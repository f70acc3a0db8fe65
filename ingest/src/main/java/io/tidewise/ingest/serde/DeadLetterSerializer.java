package io.tidewise.ingest.serde;

import io.tidewise.ingest.mapping.DeadLetter;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for the canonical DeadLetter JSON of {@link CanonicalJson}. */
public final class DeadLetterSerializer implements Serializer<DeadLetter> {
    @Override
    public byte[] serialize(String topic, DeadLetter value) {
        return value == null ? null : CanonicalJson.writeDeadLetter(value);
    }
}
