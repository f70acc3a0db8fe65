package io.tidewise.ingest.mapping;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a stream's timestamps in one of its formats: {@code iso} (ISO-8601 with or without offset, or a date),
 * {@code epoch_ms}, {@code epoch_s} (fractions allowed) or a {@link DateTimeFormatter} pattern. Times without an
 * offset are read in the stream's zone; a pattern without time-of-day fields means the start of the day (or month,
 * for a pattern without a day).
 *
 * <p>Accepted instants are limited to the years 1677..2262: InfluxDB stores time as signed nanoseconds since the
 * epoch, so anything outside would fail later, far from its cause.
 */
public final class TimestampParser {
    public static final String ISO = "iso";
    public static final String EPOCH_MS = "epoch_ms";
    public static final String EPOCH_S = "epoch_s";

    static final Instant EARLIEST = Instant.parse("1677-09-22T00:00:00Z");
    static final Instant LATEST = Instant.parse("2262-04-11T00:00:00Z");

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,19}(\\.\\d{0,9})?|\\.\\d{1,9})");

    private final String format;
    private final ZoneId zone;
    private final DateTimeFormatter pattern;

    /**
     * @throws IllegalArgumentException if {@code format} is neither a known name nor a valid pattern
     */
    public TimestampParser(String format, ZoneId zone) {
        this.format = Objects.requireNonNull(format, "format");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.pattern = switch (format) {
            case ISO, EPOCH_MS, EPOCH_S -> null;
            default -> compilePattern(format);
        };
    }

    /**
     * Validates a timestamp format as a definition loader would, with a message naming the value: a pattern must
     * compile and must read back what it writes (a pattern without a year or month, such as {@code HH:mm}, cannot
     * place an observation in time).
     */
    public static void validateFormat(String format) {
        TimestampParser parser = new TimestampParser(format, ZoneId.of("UTC"));
        if (parser.pattern != null) {
            String sample = parser.format(Instant.parse("2001-02-03T04:05:06Z"));
            try {
                parser.parsePattern(sample);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timestamp pattern '" + format + "' cannot read back the time it"
                        + " writes ('" + sample + "'): it needs at least a year and a month (" + e.getMessage() + ")", e);
            }
        }
    }

    private static DateTimeFormatter compilePattern(String format) {
        try {
            return new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(format)
                    // Strict resolving rejects 30 February instead of moving it; it needs an era for yyyy patterns.
                    .parseDefaulting(ChronoField.ERA, 1)
                    .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timestamp format must be iso, epoch_ms, epoch_s or a date-time pattern,"
                    + " was '" + format + "' (" + e.getMessage() + ")", e);
        }
    }

    public String format() {
        return format;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Parses one timestamp text; {@code field} names where it came from, for the message. */
    Instant parse(String text, String field) throws RecordRejectedException {
        String trimmed = text.strip();
        Instant instant;
        try {
            instant = switch (format) {
                case EPOCH_MS -> parseEpochMillis(trimmed, field);
                case EPOCH_S -> parseEpochSeconds(trimmed, field);
                case ISO -> parseIso(trimmed);
                default -> parsePattern(trimmed);
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                    field + " is not a " + format + " timestamp: '" + abbreviate(text) + "' (" + e.getMessage() + ")");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                    field + " is outside the storable years 1677..2262: '" + abbreviate(text) + "' (" + instant + ")");
        }
        return instant;
    }

    private static Instant parseEpochMillis(String text, String field) throws RecordRejectedException {
        if (!INTEGER.matcher(text).matches()) {
            throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                    field + " is not a whole number of epoch milliseconds: '" + abbreviate(text) + "'");
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException e) {
            // 19 digits may still be beyond a long: 9999999999999999999 overflows instead of being a time.
            throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                    field + " is outside the storable years 1677..2262: '" + abbreviate(text) + "' overflows a"
                            + " 64-bit count of epoch milliseconds");
        }
    }

    private static Instant parseEpochSeconds(String text, String field) throws RecordRejectedException {
        if (!DECIMAL.matcher(text).matches()) {
            throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                    field + " is not a number of epoch seconds: '" + abbreviate(text) + "'");
        }
        BigDecimal seconds = new BigDecimal(text);
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private Instant parseIso(String text) {
        if (text.length() <= 10 && !text.contains("T")) {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        return LocalDateTime.from(parsed).atZone(zone).toInstant();
    }

    private Instant parsePattern(String text) {
        TemporalAccessor parsed = pattern.parse(text);
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        // Time-of-day fields are resolved here rather than defaulted in the formatter: a default hour of 0 would
        // conflict with a pattern's own clock-hour and am/pm fields.
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("pattern '" + format + "' gives no date");
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        ZoneId parsedZone = parsed.query(TemporalQueries.zone());
        return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, parsedZone == null ? zone : parsedZone)
                .toInstant();
    }

    /**
     * Writes an instant in this format, the inverse of parsing: ISO instants in UTC, epoch numbers as decimal text,
     * patterns in the stream's zone. Producers use it to emit a stream's native layout.
     */
    public String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return switch (format) {
            case EPOCH_MS -> Long.toString(instant.toEpochMilli());
            case EPOCH_S -> instant.getNano() == 0 ? Long.toString(instant.getEpochSecond())
                    : BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                            .stripTrailingZeros().toPlainString();
            case ISO -> instant.toString();
            default -> pattern.withZone(zone).format(instant);
        };
    }

    /** Whether formatted timestamps are numbers (in JSON they are written without quotes). */
    public boolean isNumeric() {
        return format.equals(EPOCH_MS) || format.equals(EPOCH_S);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
