package io.tidewise.training.baseline;

import io.tidewise.core.QuantileLevels;
import java.util.ArrayList;
import java.util.List;

/**
 * A point and quantile forecasting method: the yardstick interface that baselines implement and that a GPT
 * adapter can implement as well, so one backtest scores them all on the same windows.
 */
public interface ForecastMethod {

    /** A short name for tables and JSON, e.g. {@code seasonal_naive}. */
    String name();

    /**
     * Forecasts {@code horizon} steps after the end of {@code context}.
     *
     * @param context the observed values, oldest first; {@link Double#NaN} marks a missing value; at least one
     *     value must be observed
     * @param seasonalPeriod the length of the seasonal cycle in steps, 1 when there is none
     * @param horizon how many steps to forecast, positive
     * @param levels the quantile levels to report
     */
    MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels);

    /**
     * Forecasts many contexts at once. Methods that batch (a neural network) override this; the default forecasts
     * one task after another.
     */
    default List<MethodForecast> forecastAll(List<ForecastTask> tasks, int horizon, QuantileLevels levels) {
        List<MethodForecast> forecasts = new ArrayList<>(tasks.size());
        for (ForecastTask task : tasks) {
            forecasts.add(forecast(task.context(), task.seasonalPeriod(), horizon, levels));
        }
        return forecasts;
    }

    /**
     * Whether {@link #forecast} may be called from several threads at once; a backtest then spreads the windows
     * over its threads. False by default (a loaded neural network is used by one thread at a time).
     */
    default boolean isThreadSafe() {
        return false;
    }

    /** Checks the arguments every implementation shares; messages name the field and the value. */
    static void checkArguments(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
        if (context == null) {
            throw new IllegalArgumentException("context is required but was null");
        }
        if (levels == null) {
            throw new IllegalArgumentException("levels is required but was null");
        }
        if (seasonalPeriod <= 0) {
            throw new IllegalArgumentException("seasonalPeriod must be positive, was " + seasonalPeriod);
        }
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
    }
}
