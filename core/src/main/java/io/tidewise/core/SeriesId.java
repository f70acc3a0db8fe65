package io.tidewise.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The name of one series, e.g. {@code stock/AAPL/close} or {@code traffic/I-94/volume}: the Kafka key of the
 * canonical topic and the {@code series} tag in InfluxDB. Slash-separated segments are a convention, not a rule.
 */
public record SeriesId(String value) implements Comparable<SeriesId> {
    public static final int MAX_LENGTH = 256;

    public SeriesId {
        Validation.requireNonBlank(value, "series");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "series must be at most " + MAX_LENGTH + " characters, was " + value.length() + " ('"
                            + value.substring(0, 40) + "...')");
        }
        if (!value.strip().equals(value)) {
            throw new IllegalArgumentException("series must not start or end with whitespace, was '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "series must not contain control characters, was '" + value.replaceAll("\\p{Cntrl}", "?")
                                + "' (control character at index " + i + ")");
            }
        }
    }

    @JsonCreator
    public static SeriesId of(String value) {
        return new SeriesId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(SeriesId other) {
        return value.compareTo(other.value);
    }
}
