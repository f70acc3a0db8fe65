package io.tidewise.streaming.context;

import java.util.Arrays;

/**
 * The keyed state of one series: its latest values, oldest first, {@link Double#NaN} where a step was missing,
 * and how many observed steps arrived since the last forecast.
 *
 * <p>The bound: {@link #append} returns a context of at most {@code capacity} values, so a series never holds more
 * than the model's context length in state, however long it runs.
 *
 * @param values                 the latest values, oldest first; at most the capacity given to {@link #append}
 * @param lastStepMillis         start of the newest step, epoch milliseconds
 * @param observedSinceForecast  steps holding a value since the last forecast was requested
 */
public record SeriesContext(double[] values, long lastStepMillis, int observedSinceForecast) {

    public static SeriesContext empty() {
        return new SeriesContext(new double[0], Long.MIN_VALUE, 0);
    }

    /** This context with {@code value} appended and the oldest values dropped beyond {@code capacity}. */
    public SeriesContext append(double value, long stepMillis, int capacity) {
        double[] next;
        if (values.length < capacity) {
            next = Arrays.copyOf(values, values.length + 1);
        } else {
            next = new double[capacity];
            System.arraycopy(values, values.length - capacity + 1, next, 0, capacity - 1);
        }
        next[next.length - 1] = value;
        int observed = Double.isNaN(value) ? observedSinceForecast : observedSinceForecast + 1;
        return new SeriesContext(next, stepMillis, observed);
    }

    public SeriesContext forecastRequested() {
        return new SeriesContext(values, lastStepMillis, 0);
    }

    public int size() {
        return values.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesContext that
                && Arrays.equals(values, that.values)
                && lastStepMillis == that.lastStepMillis
                && observedSinceForecast == that.observedSinceForecast;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(values) + Long.hashCode(lastStepMillis)) + observedSinceForecast;
    }

    @Override
    public String toString() {
        return "SeriesContext[" + values.length + " values, lastStepMillis=" + lastStepMillis
                + ", observedSinceForecast=" + observedSinceForecast + "]";
    }
}
