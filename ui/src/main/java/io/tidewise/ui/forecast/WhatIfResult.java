package io.tidewise.ui.forecast;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;

/**
 * A re-forecast from a cut-off: the model and the baselines forecast from the same stored history up to the
 * cut-off and are scored against what was observed after it.
 *
 * @param contextTail the last observations before the cut-off, for the chart
 * @param actuals     the observations after the cut-off that the forecasts are scored on, oldest first
 * @param methods     the model first, then seasonal naive, ETS and Theta
 */
public record WhatIfResult(SeriesId series, Instant cutOff, int contextLength, List<Observation> contextTail,
        List<Observation> actuals, List<MethodOutcome> methods) {

    public WhatIfResult {
        contextTail = List.copyOf(contextTail);
        actuals = List.copyOf(actuals);
        methods = List.copyOf(methods);
    }

    /**
     * One method's forecast and its scores.
     *
     * @param mase       mean absolute error of the median over the in-sample seasonal-naive error; NaN when there
     *                   is nothing observed to score or no scale
     * @param coverage80 share of actuals inside the method's 10%..90% band; NaN when nothing was observed
     */
    public record MethodOutcome(String name, List<Instant> times, double[] median, double[] lower, double[] upper,
            double mase, double coverage80) {}
}
