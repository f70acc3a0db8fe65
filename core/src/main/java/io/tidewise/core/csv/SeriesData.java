package io.tidewise.core.csv;

import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One series of a long CSV, sorted by time: strictly increasing times of one {@link TimeKind}, one value per time
 * ({@link Double#NaN} where the value is missing), and the frequency inferred from the times when they are dates
 * or date-times and at least two of them exist.
 */
public final class SeriesData {
    private final SeriesId series;
    private final TimeKind timeKind;
    private final List<SeriesTime> times;
    private final double[] values;
    private final Frequency frequency;

    /**
     * @param times  strictly increasing, all of one kind
     * @param values as many as times; NaN for missing, never infinite
     */
    public SeriesData(SeriesId series, List<SeriesTime> times, double[] values) {
        this.series = Objects.requireNonNull(series, "series");
        Objects.requireNonNull(times, "times of " + series);
        Objects.requireNonNull(values, "values of " + series);
        if (times.isEmpty()) {
            throw new IllegalArgumentException("times of " + series + " must not be empty");
        }
        if (times.size() != values.length) {
            throw new IllegalArgumentException("values of " + series + " must be as many as its times ("
                    + times.size() + "), were " + values.length);
        }
        this.timeKind = times.get(0).kind();
        for (int i = 0; i < times.size(); i++) {
            SeriesTime time = times.get(i);
            if (time.kind() != timeKind) {
                throw new IllegalArgumentException("times of " + series + " must all be " + timeKind.description()
                        + ", but times[" + i + "] is " + time.kind().description() + ": " + time);
            }
            if (i > 0 && time.compareTo(times.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("times of " + series + " must be strictly increasing, but "
                        + time + " follows " + times.get(i - 1));
            }
            if (Double.isInfinite(values[i])) {
                throw new IllegalArgumentException("values of " + series + " at " + time
                        + " must be finite or NaN (missing), was " + values[i]);
            }
        }
        this.times = List.copyOf(times);
        this.values = values.clone();
        this.frequency = timeKind.hasCalendar() && times.size() >= 2 ? Frequency.infer(instants(this.times)) : null;
    }

    private static List<Instant> instants(List<SeriesTime> times) {
        List<Instant> instants = new ArrayList<>(times.size());
        for (SeriesTime time : times) {
            instants.add(time.instant());
        }
        return instants;
    }

    public SeriesId series() {
        return series;
    }

    public TimeKind timeKind() {
        return timeKind;
    }

    public int size() {
        return values.length;
    }

    /** Oldest first. */
    public List<SeriesTime> times() {
        return times;
    }

    public SeriesTime time(int index) {
        return times.get(index);
    }

    public SeriesTime lastTime() {
        return times.get(times.size() - 1);
    }

    /** Oldest first, NaN for missing; a copy. */
    public double[] values() {
        return values.clone();
    }

    public double value(int index) {
        return values[index];
    }

    /** Inferred with {@link Frequency#infer}; empty for step indices or a single time. */
    public Optional<Frequency> frequency() {
        return Optional.ofNullable(frequency);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesData that
                && series.equals(that.series)
                && times.equals(that.times)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(series, times, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SeriesData[" + series + ", " + size() + " values " + times.get(0) + ".." + lastTime()
                + (frequency == null ? "" : " every " + frequency) + "]";
    }
}
