package io.tidewise.training.synthetic;

import io.tidewise.core.Frequency;
import java.util.Arrays;

/**
 * One generated series: an id ({@code synthetic/<seed>/<index>}), its frequency and dominant seasonal period, the
 * values oldest first, and the recipe it was made from (for humans and for debugging a strange sample).
 */
public record SyntheticSeries(String id, Frequency frequency, int seasonalPeriod, double[] values, String recipe) {

    public SyntheticSeries {
        if (id == null || frequency == null || values == null || recipe == null) {
            throw new IllegalArgumentException("id, frequency, values and recipe are required, was id=" + id
                    + ", frequency=" + frequency + ", recipe=" + recipe);
        }
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int length() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyntheticSeries that && id.equals(that.id) && frequency.equals(that.frequency)
                && seasonalPeriod == that.seasonalPeriod && Arrays.equals(values, that.values)
                && recipe.equals(that.recipe);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SyntheticSeries[id=" + id + ", frequency=" + frequency + ", length=" + values.length + ", recipe="
                + recipe + "]";
    }
}
