package io.tidewise.store;

import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.util.List;

/**
 * What a model forecast for a series over a time range, one value per stored target time, oldest first: the
 * overlay a chart draws against the observations that came true.
 */
public record ForecastTrack(SeriesId series, String model, QuantileLevels levels, List<ForecastValue> values) {

    public ForecastTrack {
        Validation.requireNonNull(series, "series");
        Validation.requireNonBlank(model, "model");
        Validation.requireNonNull(levels, "levels");
        values = List.copyOf(Validation.requireNonNull(values, "values"));
        for (ForecastValue value : values) {
            if (value.quantiles().length != levels.size()) {
                throw new IllegalArgumentException("forecast value of " + series + " at " + value.time() + " has "
                        + value.quantiles().length + " quantiles for " + levels.size() + " levels");
            }
        }
    }
}
