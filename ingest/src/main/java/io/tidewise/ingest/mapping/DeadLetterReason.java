package io.tidewise.ingest.mapping;

import java.util.Locale;

/**
 * Why a record could not become an observation. The wire name starts every dead letter's {@code error}, so that
 * dead letters can be grouped by cause without parsing prose.
 */
public enum DeadLetterReason {
    /** The record has no value at all (a tombstone) or an empty one. */
    EMPTY_RECORD,
    /** The bytes are not UTF-8 text; the dead letter's {@code raw} then holds them in base64. */
    NOT_UTF8,
    MALFORMED_JSON,
    MALFORMED_CSV,
    /** A field the definition points at is absent, null or empty. */
    MISSING_FIELD,
    BAD_TIMESTAMP,
    NON_NUMERIC_VALUE,
    /** The value is NaN or infinite, or too large for a double. */
    NON_FINITE_VALUE,
    /** The series id built from the template is not a valid {@link io.tidewise.core.SeriesId}. */
    INVALID_SERIES,
    /** The mapper itself failed: a bug, reported rather than allowed to stop the stream. */
    MAPPING_FAILED;

    /** The lower-case name that prefixes a dead letter's error, e.g. {@code missing_field}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
