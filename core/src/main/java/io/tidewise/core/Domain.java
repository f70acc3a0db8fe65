package io.tidewise.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of world a series comes from; drives demo generators, default scaling advice and UI grouping. */
public enum Domain {
    ECONOMY,
    STOCK,
    TRAFFIC,
    ENERGY,
    OTHER;

    /** The lower-case name used in JSON, YAML and InfluxDB tags. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Domain parse(String text) {
        Validation.requireNonBlank(text, "domain");
        for (Domain domain : values()) {
            if (domain.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return domain;
            }
        }
        throw new IllegalArgumentException("domain must be one of "
                + Arrays.stream(values()).map(Domain::wireName).collect(Collectors.joining(", "))
                + ", was '" + text + "'");
    }
}
