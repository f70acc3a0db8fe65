package io.tidewise.training.baseline;

import java.util.Arrays;

/** One context to forecast with its seasonal period, as {@link ForecastMethod#forecastAll} takes them. */
public record ForecastTask(double[] context, int seasonalPeriod) {

    public ForecastTask {
        if (context == null) {
            throw new IllegalArgumentException("context is required but was null");
        }
        if (seasonalPeriod <= 0) {
            throw new IllegalArgumentException("seasonalPeriod must be positive, was " + seasonalPeriod);
        }
        context = context.clone();
    }

    @Override
    public double[] context() {
        return context.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForecastTask that
                && seasonalPeriod == that.seasonalPeriod
                && Arrays.equals(context, that.context);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(context) + seasonalPeriod;
    }

    @Override
    public String toString() {
        return "ForecastTask[context=" + context.length + " values, seasonalPeriod=" + seasonalPeriod + "]";
    }
}
