package io.tidewise.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One step of a forecast: its index {@code 1..H}, its target time (null when the input used step indices), the
 * mean, and one value per quantile level, non-decreasing in the level.
 */
public record ForecastStep(int step, Instant timestamp, double mean, double[] quantiles) {

    public ForecastStep {
        Validation.requirePositive(step, "step");
        Validation.requireFinite(mean, "mean at step " + step);
        Validation.requireNonNull(quantiles, "quantiles at step " + step);
        for (int i = 0; i < quantiles.length; i++) {
            Validation.requireFinite(quantiles[i], "quantiles[" + i + "] at step " + step);
            if (i > 0 && quantiles[i] < quantiles[i - 1]) {
                throw new IllegalArgumentException("quantiles at step " + step + " must be non-decreasing, but "
                        + quantiles[i] + " follows " + quantiles[i - 1]);
            }
        }
        quantiles = quantiles.clone();
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    public double quantile(int index) {
        return quantiles[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForecastStep that
                && step == that.step
                && Objects.equals(timestamp, that.timestamp)
                && Double.compare(mean, that.mean) == 0
                && Arrays.equals(quantiles, that.quantiles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, timestamp, mean, Arrays.hashCode(quantiles));
    }

    @Override
    public String toString() {
        return "ForecastStep[step=" + step + ", timestamp=" + timestamp + ", mean=" + mean + ", quantiles="
                + Arrays.toString(quantiles) + "]";
    }
}
