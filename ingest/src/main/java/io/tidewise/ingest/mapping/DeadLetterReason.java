package io.tidewise.ingest.mapping;

import java.util.Locale;

/**
 * Why a record could not become an observation. The wire name starts every dead letter's {@code error}, so that
 * dead letters can be grouped by cause without parsing prose.
 */
public enum DeadLetterReason {
    /** The record has no value at all (a tombstone) or an empty one. */
    EMPTY_RECORD,
    /**
     * The bytes are not UTF-8 text (invalid sequences such as Latin-1 accents or a UTF-16 byte-order mark), or they
     * decode but hold NUL characters, which no JSON or CSV text has and UTF-16 text or binary data always has; the
     * dead letter's {@code raw} then holds the bytes in base64.
     */
    NOT_UTF8,
    MALFORMED_JSON,
    /** Well-formed JSON that is not an object (an array, a string, a number): the definition's fields cannot be in it. */
    NOT_AN_OBJECT,
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
