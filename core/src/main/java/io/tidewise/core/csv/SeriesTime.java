package io.tidewise.core.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value of a long CSV's {@code timestamp} column: an instant (for dates and date-times) or a step index,
 * together with the {@link TimeKind} it was written in, so that it is written back the same way.
 *
 * @param kind    how the time is written
 * @param instant the time, for {@link TimeKind#DATE} (midnight UTC) and {@link TimeKind#DATE_TIME}; else null
 * @param step    the index, for {@link TimeKind#STEP}; else 0
 */
public record SeriesTime(TimeKind kind, Instant instant, long step) implements Comparable<SeriesTime> {
    private static final Pattern STEP_SYNTAX = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DATE_SYNTAX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public SeriesTime {
        Objects.requireNonNull(kind, "kind");
        if (kind.hasCalendar() && instant == null) {
            throw new IllegalArgumentException("instant is required for " + kind.description() + " but was null");
        }
        if (kind == TimeKind.DATE && !instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("instant of a date must be midnight UTC, was " + instant);
        }
        if (!kind.hasCalendar() && instant != null) {
            throw new IllegalArgumentException("instant of a step index must be null, was " + instant);
        }
    }

    public static SeriesTime ofDate(LocalDate date) {
        return new SeriesTime(TimeKind.DATE, date.atStartOfDay(ZoneOffset.UTC).toInstant(), 0);
    }

    public static SeriesTime ofInstant(Instant instant) {
        return new SeriesTime(TimeKind.DATE_TIME, Objects.requireNonNull(instant, "instant"), 0);
    }

    public static SeriesTime ofStep(long step) {
        return new SeriesTime(TimeKind.STEP, null, step);
    }

    /** The same kind of time as this one, at {@code instant} (for continuing a series past its end). */
    public static SeriesTime of(TimeKind kind, Instant instant) {
        return kind == TimeKind.DATE ? ofDate(instant.atOffset(ZoneOffset.UTC).toLocalDate()) : ofInstant(instant);
    }

    /**
     * Parses an ISO date ({@code 2024-01-31}), an ISO date-time with or without an offset ({@code
     * 2024-01-31T12:00:00Z}, {@code 2024-01-31T12:00+01:00}, {@code 2024-01-31T12:00:00} which is UTC; a space may
     * stand for the {@code T}) or an integer step index ({@code 17}).
     *
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    public static SeriesTime parse(String text) {
        String value = text.strip();
        if (STEP_SYNTAX.matcher(value).matches()) {
            return ofStep(Long.parseLong(value));
        }
        try {
            SeriesTime common = parseCommonLayout(value);
            if (common != null) {
                return common;
            }
            if (DATE_SYNTAX.matcher(value).matches()) {
                return ofDate(LocalDate.parse(value));
            }
            if (value.length() > 10 && value.charAt(10) == ' ') {
                value = value.substring(0, 10) + 'T' + value.substring(11);
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value);
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            return ofInstant(local.toInstant(offset));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not an ISO date (2024-01-31), an ISO date-time"
                    + " (2024-01-31T12:00:00Z) or an integer step index, was '" + text + "'", e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("is not a valid date or time (" + e.getMessage() + "), was '"
                    + text + "'", e);
        }
    }

    /**
     * The layouts nearly every file uses, {@code yyyy-MM-dd} and {@code yyyy-MM-dd[T ]HH:mm[:ss][Z]}, read without
     * the general formatter, which is several times slower on files of millions of rows; null for anything else.
     */
    private static SeriesTime parseCommonLayout(String value) {
        int length = value.length();
        if (length < 10 || !digits(value, 0, 4) || value.charAt(4) != '-' || !digits(value, 5, 7)
                || value.charAt(7) != '-' || !digits(value, 8, 10)) {
            return null;
        }
        int year = number(value, 0, 4);
        int month = number(value, 5, 7);
        int day = number(value, 8, 10);
        if (length == 10) {
            return ofDate(LocalDate.of(year, month, day));
        }
        char separator = value.charAt(10);
        boolean utcMarker = value.charAt(length - 1) == 'Z';
        int end = utcMarker ? length - 1 : length;
        if ((separator != 'T' && separator != ' ') || (end != 16 && end != 19)
                || !digits(value, 11, 13) || value.charAt(13) != ':' || !digits(value, 14, 16)) {
            return null;
        }
        int second = 0;
        if (end == 19) {
            if (value.charAt(16) != ':' || !digits(value, 17, 19)) {
                return null;
            }
            second = number(value, 17, 19);
        }
        return ofInstant(LocalDateTime.of(year, month, day, number(value, 11, 13), number(value, 14, 16), second)
                .toInstant(ZoneOffset.UTC));
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            result = result * 10 + (text.charAt(i) - '0');
        }
        return result;
    }

    /** ISO date for dates, ISO instant ({@code 2024-01-31T12:00:00Z}) for date-times, the index for steps. */
    public String format() {
        return switch (kind) {
            case DATE -> instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case DATE_TIME -> DateTimeFormatter.ISO_INSTANT.format(instant);
            case STEP -> Long.toString(step);
        };
    }

    /** Orders by instant or step; times of different kinds are not comparable and never share a series. */
    @Override
    public int compareTo(SeriesTime other) {
        if (kind.hasCalendar() != other.kind.hasCalendar()) {
            throw new IllegalArgumentException("cannot order " + kind.description() + " against "
                    + other.kind.description() + ": " + this + " and " + other);
        }
        return kind.hasCalendar() ? instant.compareTo(other.instant) : Long.compare(step, other.step);
    }

    @Override
    public String toString() {
        return format();
    }
}
