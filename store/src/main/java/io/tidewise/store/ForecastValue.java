package io.tidewise.store;

import io.tidewise.core.Validation;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The forecast stored for one target time: the latest one issued for it, with the step (how far ahead it was
 * made), when it was issued, its mean and one value per quantile level of its {@link ForecastTrack}.
 */
public record ForecastValue(Instant time, int step, Instant issuedAt, double mean, double[] quantiles) {

    public ForecastValue {
        Validation.requireNonNull(time, "time");
        Validation.requirePositive(step, "step at " + time);
        Validation.requireNonNull(issuedAt, "issuedAt at " + time);
        Validation.requireNonNull(quantiles, "quantiles at " + time);
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
        return other instanceof ForecastValue that
                && time.equals(that.time)
                && step == that.step
                && issuedAt.equals(that.issuedAt)
                && Double.compare(mean, that.mean) == 0
                && Arrays.equals(quantiles, that.quantiles);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, step, issuedAt, mean, Arrays.hashCode(quantiles));
    }

    @Override
    public String toString() {
        return "ForecastValue[time=" + time + ", step=" + step + ", issuedAt=" + issuedAt + ", mean=" + mean
                + ", quantiles=" + Arrays.toString(quantiles) + "]";
    }
}
