package io.tidewise.training.baseline;

import java.util.Arrays;

/**
 * The smoothing parameters and initial states of an additive ETS model, laid out as R's {@code ets} reports them:
 * {@code beta} is 0 without a trend, {@code gamma} 0 without a season, {@code phi} 1 unless damped;
 * {@code seasonal[0]} is the most recent initial seasonal state and {@code seasonal[m-1]} the one the first
 * observation uses (R's {@code s1..sm}); empty without a season.
 */
public record EtsParameters(double alpha, double beta, double gamma, double phi, double level, double slope,
        double[] seasonal) {

    public EtsParameters {
        if (seasonal == null) {
            throw new IllegalArgumentException("seasonal is required (empty without a season) but was null");
        }
        seasonal = seasonal.clone();
    }

    @Override
    public double[] seasonal() {
        return seasonal.clone();
    }

    double seasonalUnsafe(int index) {
        return seasonal[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EtsParameters that
                && Double.compare(alpha, that.alpha) == 0 && Double.compare(beta, that.beta) == 0
                && Double.compare(gamma, that.gamma) == 0 && Double.compare(phi, that.phi) == 0
                && Double.compare(level, that.level) == 0 && Double.compare(slope, that.slope) == 0
                && Arrays.equals(seasonal, that.seasonal);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {alpha, beta, gamma, phi, level, slope}) * 31 + Arrays.hashCode(seasonal);
    }

    @Override
    public String toString() {
        return String.format("EtsParameters[alpha=%.6g, beta=%.6g, gamma=%.6g, phi=%.6g, level=%.6g, slope=%.6g,"
                + " seasonal=%s]", alpha, beta, gamma, phi, level, slope, Arrays.toString(seasonal));
    }
}
