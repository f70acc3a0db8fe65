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

    private static final Domain[] VALUES = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in JSON, YAML and InfluxDB tags. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Domain parse(String text) {
        Validation.requireNonBlank(text, "domain");
        for (Domain domain : VALUES) {
            if (domain.wireName.equals(text)) { // the canonical spelling, as every producer of ours writes it
                return domain;
            }
        }
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        for (Domain domain : VALUES) {
            if (domain.wireName.equals(normalized)) {
                return domain;
            }
        }
        throw new IllegalArgumentException("domain must be one of "
                + Arrays.stream(values()).map(Domain::wireName).collect(Collectors.joining(", "))
                + ", was '" + text + "'");
    }
}
