package io.tidewise.ingest.serde;

import io.tidewise.core.Observation;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer for the canonical Observation JSON of {@link CanonicalJson}. */
public final class ObservationDeserializer implements Deserializer<Observation> {
    @Override
    public Observation deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return CanonicalJson.readObservation(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("record on " + topic + " is not a canonical Observation: " + e.getMessage(), e);
        }
    }
}
