package io.tidewise.ingest.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A record that could not be mapped, as published on {@code tidewise.deadletter}:
 * {@code {"stream","topic","partition","offset","raw","error"}}. The {@code raw} text is the record as received
 * (UTF-8), or its base64 form when the bytes were not UTF-8 (the error then says so); {@code error} starts with the
 * {@link DeadLetterReason} wire name, e.g. {@code "missing_field: /price is absent"}.
 */
@JsonPropertyOrder({"stream", "topic", "partition", "offset", "raw", "error"})
public record DeadLetter(
        @JsonProperty("stream") String stream,
        @JsonProperty("topic") String topic,
        @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset,
        @JsonProperty("raw") String raw,
        @JsonProperty("error") String error) {

    public DeadLetter {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(error, "error");
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
