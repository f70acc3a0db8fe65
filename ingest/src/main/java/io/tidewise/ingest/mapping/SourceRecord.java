package io.tidewise.ingest.mapping;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record as read from a user topic: where it came from and its value bytes, untouched. The coordinates travel
 * into any dead letter so that an operator can find the record again.
 *
 * @param topic     the topic it was read from
 * @param partition its partition
 * @param offset    its offset in the partition
 * @param value     the record value, or null for a record without one (a tombstone)
 */
public record SourceRecord(String topic, int partition, long offset, byte[] value) {
    public SourceRecord {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceRecord that && topic.equals(that.topic) && partition == that.partition
                && offset == that.offset && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "SourceRecord[" + topic + "-" + partition + "@" + offset + ", " + (value == null ? "null"
                : value.length + " bytes") + "]";
    }
}
