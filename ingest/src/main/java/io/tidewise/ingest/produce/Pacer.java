package io.tidewise.ingest.produce;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Holds a producer back until a record is due on the wall clock: by event time at a {@link SpeedFactor}, or at a
 * fixed number of records per second. Due times are measured from the first record, never from the previous one,
 * so that small sleeping errors do not add up over a long run.
 */
public final class Pacer {
    /** Sleeps; replaced in tests to check the schedule without waiting for it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SpeedFactor speed;
    private final double recordsPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long startNanos;
    private Instant firstEventTime;
    private long records;

    private Pacer(SpeedFactor speed, double recordsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.speed = speed;
        this.recordsPerSecond = recordsPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Paces by event time at {@code speed}. */
    public static Pacer byEventTime(SpeedFactor speed, LongSupplier nanoTime, Sleeper sleeper) {
        return new Pacer(Objects.requireNonNull(speed, "speed"), 0, nanoTime, sleeper);
    }

    public static Pacer byEventTime(SpeedFactor speed) {
        return byEventTime(speed, System::nanoTime, duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    /** Paces at {@code recordsPerSecond}, whatever the event times; infinity for as fast as possible. */
    public static Pacer byRate(double recordsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(recordsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive records per second, was " + recordsPerSecond);
        }
        return new Pacer(null, recordsPerSecond, nanoTime, sleeper);
    }

    public static Pacer byRate(double recordsPerSecond) {
        return byRate(recordsPerSecond, System::nanoTime, duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    /** Waits until the record with this event time is due. */
    public void awaitDue(Instant eventTime) throws InterruptedException {
        Objects.requireNonNull(eventTime, "eventTime");
        if (records++ == 0) {
            startNanos = nanoTime.getAsLong();
            firstEventTime = eventTime;
            return;
        }
        long dueAfterNanos;
        if (speed != null) {
            Duration eventElapsed = Duration.between(firstEventTime, eventTime);
            dueAfterNanos = eventElapsed.isNegative() ? 0 : speed.wallTime(eventElapsed).toNanos();
        } else {
            dueAfterNanos = Double.isInfinite(recordsPerSecond) ? 0 : (long) ((records - 1) * 1e9 / recordsPerSecond);
        }
        long waitNanos = startNanos + dueAfterNanos - nanoTime.getAsLong();
        if (waitNanos > 0) {
            sleeper.sleep(Duration.ofNanos(waitNanos));
        }
    }
}
