package io.tidewise.ingest.mapping;

import java.util.regex.Pattern;

/**
 * Reads an observation value from text: plain decimal notation with an optional exponent, nothing else. Java's
 * {@link Double#parseDouble} is too lenient for data ({@code 1d}, {@code 0x1p3} and surrounding blanks pass), so
 * the grammar is checked first; spellings of NaN and infinity are recognised only to reject them as non-finite.
 */
final class ValueParser {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE =
            Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private ValueParser() {}

    static double parse(String text, String field) throws RecordRejectedException {
        String trimmed = text.strip();
        if (NON_FINITE.matcher(trimmed).matches()) {
            throw new RecordRejectedException(DeadLetterReason.NON_FINITE_VALUE,
                    field + " is not a finite number: '" + TimestampParser.abbreviate(text) + "'");
        }
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new RecordRejectedException(DeadLetterReason.NON_NUMERIC_VALUE,
                    field + " is not a number: '" + TimestampParser.abbreviate(text) + "'");
        }
        return requireFinite(Double.parseDouble(trimmed), text, field);
    }

    static double requireFinite(double value, String text, String field) throws RecordRejectedException {
        if (!Double.isFinite(value)) {
            throw new RecordRejectedException(DeadLetterReason.NON_FINITE_VALUE,
                    field + " is not a finite number: '" + TimestampParser.abbreviate(text) + "' reads as " + value);
        }
        return value;
    }
}
