package io.tidewise.training.evaluate;

import java.util.Arrays;

/** One series to backtest: its id, its values oldest first ({@code NaN} = missing) and its seasonal period. */
public record EvaluationSeries(String id, double[] values, int seasonalPeriod) {

    public EvaluationSeries {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank, was '" + id + "'");
        }
        if (values == null) {
            throw new IllegalArgumentException("values of " + id + " are required but were null");
        }
        if (seasonalPeriod <= 0) {
            throw new IllegalArgumentException("seasonalPeriod of " + id + " must be positive, was " + seasonalPeriod);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double[] valuesUnsafe() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EvaluationSeries that && id.equals(that.id) && seasonalPeriod == that.seasonalPeriod
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EvaluationSeries[id=" + id + ", values=" + values.length + ", seasonalPeriod=" + seasonalPeriod + "]";
    }
}
