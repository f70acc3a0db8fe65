package io.tidewise.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One canonical observation: the value of a series at an instant. This is the value layout of the
 * {@code tidewise.observations} topic: {@code {"series":"stock/AAPL/close","ts":"2024-01-02T00:00:00Z",
 * "value":185.31,"domain":"stock"}}. A missing value is the absence of an observation, never a NaN here.
 */
public record Observation(
        @JsonProperty("series") SeriesId series,
        @JsonProperty("ts") Instant timestamp,
        @JsonProperty("value") double value,
        @JsonProperty("domain") Domain domain) {

    public Observation {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(timestamp, "ts");
        Validation.requireFinite(value, "value");
        Validation.requireNonNull(domain, "domain");
    }
}
