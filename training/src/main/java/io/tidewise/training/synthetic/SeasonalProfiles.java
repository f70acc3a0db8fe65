package io.tidewise.training.synthetic;

import java.util.SplittableRandom;

/**
 * Seasonal patterns with the sharp edges of calendars: weekdays against weekends, business hours, a nightly batch
 * job. A sum of a few decaying harmonics, the other seasonal family here, can only draw smooth waves; a model trained
 * on those alone forecasts a clean weekday/weekend square wave as a sine ({@code scripts/weekday-check.sh}:
 * default@4's median is 6,911 on weekends that are 5,000, and 60 in opening hours that are 100). Real seasonal states,
 * as an exponential-smoothing model keeps them, are one free value per position of the period; these draw such values
 * directly.
 */
final class SeasonalProfiles {
    private SeasonalProfiles() {}

    /**
     * One period's pattern, centred on zero with a range of 2 (as a unit sine's), for an integral {@code period} of at
     * least 2. Shapes: a block of high positions against low ones (weekdays, opening hours), which for a week of
     * sub-daily steps is a block of whole days or the same hours on a block of days (a shop's opening hours); free
     * values per position, sometimes smoothed over a few neighbours; or one or two spikes.
     */
    static double[] draw(SplittableRandom random, int period) {
        if (period < 2) {
            throw new IllegalArgumentException("period must be at least 2, was " + period);
        }
        double[] pattern = new double[period];
        double kind = random.nextDouble();
        if (kind < 0.45) {
            // a week of sub-daily steps gets blocks of whole days, so that its weekend is a run of full days
            int unit = period % 7 == 0 && period > 7 ? period / 7 : 1;
            int units = period / unit;
            int blockLength = 1 + random.nextInt(units - 1);
            int start = random.nextInt(units);
            double jitter = random.nextDouble() < 0.5 ? 0 : random.nextDouble(0, 0.3);
            // half of those weeks are opening hours: high only within a block of hours on a block of days
            boolean hoursToo = unit > 1 && random.nextBoolean();
            int hourLength = hoursToo ? 1 + random.nextInt(unit - 1) : unit;
            int hourStart = hoursToo ? random.nextInt(unit) : 0;
            for (int t = 0; t < period; t++) {
                int position = Math.floorMod(t / unit - start, units);
                boolean open = Math.floorMod(t % unit - hourStart, unit) < hourLength;
                pattern[t] = (position < blockLength && open ? 1 : 0) + jitter * random.nextGaussian();
            }
        } else if (kind < 0.85) {
            double[] free = new double[period];
            for (int t = 0; t < period; t++) {
                free[t] = random.nextGaussian();
            }
            int width = random.nextDouble() < 0.4 ? 1 : 1 + random.nextInt(Math.max(1, Math.min(5, period / 4)));
            for (int t = 0; t < period; t++) {
                double sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += free[Math.floorMod(t - k, period)];
                }
                pattern[t] = sum / width;
            }
        } else {
            int first = random.nextInt(period);
            pattern[first] = random.nextBoolean() ? 1 : -1;
            if (random.nextBoolean()) {
                // on another position and smaller, so that two spikes never make a flat pattern
                pattern[(first + 1 + random.nextInt(period - 1)) % period] =
                        (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.3, 0.9);
            }
        }
        return normalised(pattern);
    }

    /** Centred on zero and scaled to a range of 2. */
    private static double[] normalised(double[] pattern) {
        double mean = 0;
        for (double value : pattern) {
            mean += value / pattern.length;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : pattern) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double range = max - min;
        for (int t = 0; t < pattern.length; t++) {
            pattern[t] = 2 * (pattern[t] - mean) / range;
        }
        return pattern;
    }
}
