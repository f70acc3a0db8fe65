package io.tidewise.ingest.serde;

import io.tidewise.ingest.mapping.DeadLetter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer for the canonical DeadLetter JSON of {@link CanonicalJson}. */
public final class DeadLetterDeserializer implements Deserializer<DeadLetter> {
    @Override
    public DeadLetter deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return CanonicalJson.readDeadLetter(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("record on " + topic + " is not a canonical DeadLetter: " + e.getMessage(), e);
        }
    }
}
