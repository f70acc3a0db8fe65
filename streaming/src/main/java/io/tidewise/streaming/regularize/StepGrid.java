package io.tidewise.streaming.regularize;

import io.tidewise.core.Frequency;
import io.tidewise.core.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The steps of a frequency on the UTC time line. Fixed units are aligned to the epoch, weeks start on Monday, and
 * months, quarters and years start on the first of a UTC calendar month, so every task puts an instant into the
 * same step without coordination.
 */
public final class StepGrid {
    /** 1970-01-05 was the first Monday after the epoch. */
    private static final long FIRST_MONDAY_MILLIS = 4L * 86_400_000L;

    private StepGrid() {}

    /** The start of the step that holds {@code instant}. */
    public static Instant stepStart(Frequency frequency, Instant instant) {
        Validation.requireNonNull(frequency, "frequency");
        Validation.requireNonNull(instant, "instant");
        long millis = instant.toEpochMilli();
        return switch (frequency.unit()) {
            case SECOND, MINUTE, HOUR, DAY -> {
                long length = frequency.approximateMillis();
                yield Instant.ofEpochMilli(Math.floorDiv(millis, length) * length);
            }
            case WEEK -> {
                long length = frequency.approximateMillis();
                yield Instant.ofEpochMilli(
                        Math.floorDiv(millis - FIRST_MONDAY_MILLIS, length) * length + FIRST_MONDAY_MILLIS);
            }
            case MONTH -> monthStart(instant, frequency.amount());
            case QUARTER -> monthStart(instant, 3 * frequency.amount());
            case YEAR -> monthStart(instant, 12 * frequency.amount());
        };
    }

    /**
     * The event time at which a step can be closed: its last millisecond plus the allowed lateness. A watermark at
     * or past this time means no observation of the step may still arrive.
     */
    public static long closingTime(Frequency frequency, Instant stepStart, long allowedLatenessMillis) {
        long end = frequency.isFixedLength() ? stepStart.toEpochMilli() + frequency.approximateMillis()
                : frequency.add(stepStart, 1).toEpochMilli();
        return end - 1 + allowedLatenessMillis;
    }

    private static Instant monthStart(Instant instant, int monthsPerStep) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        long monthsSinceEpoch = (utc.getYear() - 1970L) * 12 + (utc.getMonthValue() - 1);
        long stepMonths = Math.floorDiv(monthsSinceEpoch, monthsPerStep) * monthsPerStep;
        return LocalDate.of(1970, 1, 1).plusMonths(stepMonths).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
