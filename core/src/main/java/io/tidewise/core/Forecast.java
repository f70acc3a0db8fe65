package io.tidewise.core;

import java.util.List;

/**
 * A probabilistic forecast of one series: for each step {@code 1..H} a mean and one value per quantile level, in
 * the series' original units.
 */
public record Forecast(SeriesId series, QuantileLevels levels, List<ForecastStep> steps) {

    public Forecast {
        Validation.requireNonNull(series, "series");
        Validation.requireNonNull(levels, "levels");
        Validation.requireNonNull(steps, "steps");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps of the forecast for " + series + " must not be empty");
        }
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            ForecastStep step = steps.get(i);
            if (step.step() != i + 1) {
                throw new IllegalArgumentException("steps of the forecast for " + series + " must run 1..H in order,"
                        + " but position " + i + " holds step " + step.step());
            }
            if (step.quantiles().length != levels.size()) {
                throw new IllegalArgumentException("step " + step.step() + " of the forecast for " + series
                        + " has " + step.quantiles().length + " quantiles for " + levels.size() + " levels");
            }
        }
    }

    public int horizon() {
        return steps.size();
    }
}
