package io.tidewise.ingest.serde;

import io.tidewise.core.Observation;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for the canonical Observation JSON of {@link CanonicalJson}. */
public final class ObservationSerializer implements Serializer<Observation> {
    @Override
    public byte[] serialize(String topic, Observation value) {
        return value == null ? null : CanonicalJson.writeObservation(value);
    }
}
