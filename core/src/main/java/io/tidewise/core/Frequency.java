package io.tidewise.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular spacing of a series: an amount of a unit, written {@code 5m}, {@code 1h}, {@code 1d}, {@code 1w},
 * {@code 1M}, {@code 1q}, {@code 1y} (also {@code 30s}). Lower-case {@code m} is minutes, upper-case {@code M}
 * months. Calendar units (months, quarters, years) step on the UTC calendar, so a monthly series stays on the
 * first of the month rather than drifting by 30 days.
 */
public record Frequency(int amount, Unit unit) {

    /** Units in ascending length; {@code symbol} is the canonical spelling. */
    public enum Unit {
        SECOND("s", Duration.ofSeconds(1)),
        MINUTE("m", Duration.ofMinutes(1)),
        HOUR("h", Duration.ofHours(1)),
        DAY("d", Duration.ofDays(1)),
        WEEK("w", Duration.ofDays(7)),
        MONTH("M", Duration.ofSeconds(2_629_746)), // mean Gregorian month, for approximate spacing only
        QUARTER("q", Duration.ofSeconds(3 * 2_629_746L)),
        YEAR("y", Duration.ofSeconds(31_556_952));

        private final String symbol;
        private final Duration approximateLength;
        private final long approximateMillis;

        Unit(String symbol, Duration approximateLength) {
            this.symbol = symbol;
            this.approximateLength = approximateLength;
            this.approximateMillis = approximateLength.toMillis();
        }

        public String symbol() {
            return symbol;
        }

        boolean isCalendar() {
            return this == MONTH || this == QUARTER || this == YEAR;
        }
    }

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,6})([smhdwMqQyYDHW])");

    public Frequency {
        Validation.requireNonNull(unit, "frequency unit");
        if (amount <= 0) {
            throw new IllegalArgumentException("frequency amount must be positive, was " + amount + unit.symbol);
        }
    }

    @JsonCreator
    public static Frequency parse(String text) {
        Validation.requireNonBlank(text, "frequency");
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("frequency must look like 30s, 5m, 1h, 1d, 1w, 1M, 1q or 1y, was '"
                    + text + "'");
        }
        int amount = Integer.parseInt(matcher.group(1));
        Unit unit = switch (matcher.group(2)) {
            case "s" -> Unit.SECOND;
            case "m" -> Unit.MINUTE;
            case "h", "H" -> Unit.HOUR;
            case "d", "D" -> Unit.DAY;
            case "w", "W" -> Unit.WEEK;
            case "M" -> Unit.MONTH;
            case "q", "Q" -> Unit.QUARTER;
            case "y", "Y" -> Unit.YEAR;
            default -> throw new IllegalStateException("pattern admitted unit " + matcher.group(2));
        };
        return new Frequency(amount, unit);
    }

    /** The instant {@code steps} periods after {@code start} (negative steps go back). */
    public Instant add(Instant start, long steps) {
        Validation.requireNonNull(start, "start");
        long units = Math.multiplyExact(steps, (long) amount);
        if (!unit.isCalendar()) {
            // Plain millisecond arithmetic: Duration.multipliedBy goes through BigDecimal, and the streaming job
            // calls this for every step of every series.
            return start.plusMillis(Math.multiplyExact(units, unit.approximateMillis));
        }
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        return switch (unit) {
            case MONTH -> utc.plusMonths(units).toInstant();
            case QUARTER -> utc.plusMonths(Math.multiplyExact(units, 3L)).toInstant();
            case YEAR -> utc.plusYears(units).toInstant();
            default -> throw new IllegalStateException("not a calendar unit: " + unit);
        };
    }

    /** Whether periods have a fixed length (seconds to weeks), unlike months, quarters and years. */
    public boolean isFixedLength() {
        return !unit.isCalendar();
    }

    /** The length of one period in milliseconds: exact for fixed-length units, approximate for calendar units. */
    public long approximateMillis() {
        return amount * unit.approximateMillis;
    }

    /** Approximate length of one period (exact for fixed units). */
    public Duration approximateDuration() {
        return unit.approximateLength.multipliedBy(amount);
    }

    /**
     * The length of the dominant seasonal cycle in steps, as the seasonal-naive baseline and MASE use it:
     * a day of sub-daily data, a week of daily data, a year of weekly, monthly and quarterly data; 1 when no
     * cycle is meaningful.
     */
    public int seasonalPeriod() {
        long period = switch (unit) {
            case SECOND, MINUTE, HOUR -> Duration.ofDays(1).dividedBy(approximateDuration());
            case DAY -> amount == 1 ? 7 : 1;
            case WEEK -> amount == 1 ? 52 : 1;
            case MONTH -> 12 % amount == 0 ? 12 / amount : 1;
            case QUARTER -> amount == 1 ? 4 : 1;
            case YEAR -> 1;
        };
        return (int) Math.max(1, period);
    }

    /**
     * Infers the frequency from observation times (any order, duplicates ignored) from the median gap between
     * consecutive distinct times. Calendar months, quarters and years are recognised by their day counts.
     *
     * @throws IllegalArgumentException if fewer than two distinct times are given
     */
    public static Frequency infer(Collection<Instant> timestamps) {
        Validation.requireNonNull(timestamps, "timestamps");
        List<Instant> sorted = new ArrayList<>(new java.util.TreeSet<>(timestamps));
        if (sorted.size() < 2) {
            throw new IllegalArgumentException(
                    "timestamps must hold at least two distinct times to infer a frequency, had " + sorted.size());
        }
        long[] gaps = new long[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            gaps[i - 1] = Duration.between(sorted.get(i - 1), sorted.get(i)).getSeconds();
        }
        java.util.Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        long day = 86_400;
        if (median >= 28 * day && median <= 31 * day) {
            return new Frequency(1, Unit.MONTH);
        }
        if (median >= 89 * day && median <= 92 * day) {
            return new Frequency(1, Unit.QUARTER);
        }
        if (median >= 365 * day && median <= 366 * day) {
            return new Frequency(1, Unit.YEAR);
        }
        if (median % (7 * day) == 0) {
            return new Frequency(Math.toIntExact(median / (7 * day)), Unit.WEEK);
        }
        if (median % day == 0) {
            return new Frequency(Math.toIntExact(median / day), Unit.DAY);
        }
        if (median % 3600 == 0) {
            return new Frequency(Math.toIntExact(median / 3600), Unit.HOUR);
        }
        if (median % 60 == 0) {
            return new Frequency(Math.toIntExact(median / 60), Unit.MINUTE);
        }
        return new Frequency(Math.toIntExact(median), Unit.SECOND);
    }

    @JsonValue
    @Override
    public String toString() {
        return amount + unit.symbol;
    }
}
