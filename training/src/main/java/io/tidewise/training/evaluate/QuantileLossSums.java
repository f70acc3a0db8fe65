package io.tidewise.training.evaluate;

import java.util.Arrays;

/**
 * Pinball losses summed per level and the sum of |actual| over the same observed steps: WQL's numerator and
 * denominator, kept apart so that windows of a series can be pooled as Chronos pools a dataset.
 */
public record QuantileLossSums(double[] pinballSums, double absoluteActualSum, int observed) {

    public QuantileLossSums {
        if (pinballSums == null) {
            throw new IllegalArgumentException("pinballSums is required but was null");
        }
        pinballSums = pinballSums.clone();
    }

    @Override
    public double[] pinballSums() {
        return pinballSums.clone();
    }

    /** The sums of two sets of steps together. */
    public QuantileLossSums plus(QuantileLossSums other) {
        if (other.pinballSums.length != pinballSums.length) {
            throw new IllegalArgumentException("cannot pool losses over " + pinballSums.length + " and "
                    + other.pinballSums.length + " levels");
        }
        double[] sums = pinballSums.clone();
        for (int q = 0; q < sums.length; q++) {
            sums[q] += other.pinballSums[q];
        }
        return new QuantileLossSums(sums, absoluteActualSum + other.absoluteActualSum, observed + other.observed);
    }

    /** {@code mean over levels of 2 * pinballSum / absoluteActualSum}; NaN without observed steps. */
    public double weightedQuantileLoss() {
        if (observed == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (double sum : pinballSums) {
            total += 2 * sum / absoluteActualSum;
        }
        return total / pinballSums.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuantileLossSums that
                && Arrays.equals(pinballSums, that.pinballSums)
                && Double.compare(absoluteActualSum, that.absoluteActualSum) == 0
                && observed == that.observed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pinballSums) * 31 + Double.hashCode(absoluteActualSum) * 7 + observed;
    }
}
