package io.tidewise.ingest.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A record that could not be mapped, as published on {@code tidewise.deadletter}:
 * {@code {"stream","topic","partition","offset","raw","error"}}. The {@code raw} text is the record as received
 * (UTF-8), or its base64 form when the bytes were not UTF-8 (the error then says so); {@code error} starts with the
 * {@link DeadLetterReason} wire name, e.g. {@code "missing_field: /price is absent"}.
 *
 * <p>{@link #bounded} keeps a dead letter small enough for any Kafka topic: a record of a megabyte would otherwise
 * make a dead letter above Kafka's default 1 MB request limit, and the dead-letter sink's failure would stop the job.
 * A longer {@code raw} keeps its first {@link #MAX_RAW_CHARS} characters and the error says so; the partition and
 * offset still find the whole record.
 */
@JsonPropertyOrder({"stream", "topic", "partition", "offset", "raw", "error"})
public record DeadLetter(
        @JsonProperty("stream") String stream,
        @JsonProperty("topic") String topic,
        @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset,
        @JsonProperty("raw") String raw,
        @JsonProperty("error") String error) {

    /** The most characters of a record a dead letter carries in {@code raw}. */
    public static final int MAX_RAW_CHARS = 65_536;
    /** The most characters of an error message; reasons quote values abbreviated, this bounds the rest. */
    public static final int MAX_ERROR_CHARS = 2_000;

    public DeadLetter {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(error, "error");
    }

    /**
     * A dead letter for a record, its {@code raw} cut to {@link #MAX_RAW_CHARS} and its error to
     * {@link #MAX_ERROR_CHARS} characters; a cut raw is named at the end of the error.
     *
     * @param raw    the record's text (or base64 form), or null for a record without a value
     * @param reason why it could not be mapped
     * @param detail what was wrong, naming the field and the value
     */
    public static DeadLetter bounded(String stream, String topic, int partition, long offset, String raw,
            DeadLetterReason reason, String detail) {
        String error = reason.wireName() + ": " + detail;
        if (error.length() > MAX_ERROR_CHARS) {
            error = error.substring(0, MAX_ERROR_CHARS - 3) + "...";
        }
        if (raw != null && raw.length() > MAX_RAW_CHARS) {
            error += " (raw holds the first " + MAX_RAW_CHARS + " of " + raw.length() + " characters; the record is at "
                    + topic + "-" + partition + "@" + offset + ")";
            raw = raw.substring(0, MAX_RAW_CHARS);
        }
        return new DeadLetter(stream, topic, partition, offset, raw, error);
    }

    /** The reason named at the start of {@link #error()}, or {@code null} if the error does not start with one. */
    public DeadLetterReason reason() {
        int colon = error.indexOf(':');
        String head = colon < 0 ? error : error.substring(0, colon);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            if (reason.wireName().equals(head)) {
                return reason;
            }
        }
        return null;
    }
}
