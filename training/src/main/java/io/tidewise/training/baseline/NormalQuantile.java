package io.tidewise.training.baseline;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal quantile function, from Commons Math (exact to double precision, unlike rational fits). */
final class NormalQuantile {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private NormalQuantile() {}

    static double of(double probability) {
        return STANDARD.inverseCumulativeProbability(probability);
    }
}
