package io.tidewise.training.synthetic;

import io.tidewise.core.Frequency;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates synthetic series in the spirit of Chronos' KernelSynth (Ansari et al., 2024, section 4.2): where
 * KernelSynth samples a Gaussian process whose kernel is a random sum or product of basis kernels (linear, periodic,
 * RBF, white noise), this draws the same kinds of structure directly, which is cheaper and needs no matrix
 * factorisation:
 *
 * <ul>
 *   <li>a trend: none, linear, damped (logarithmic), exponential, or piecewise linear with changepoints;
 *   <li>one or more seasonalities at the periods natural to the frequency (a day and a week of hourly data, a week
 *       and a year of daily data, ...), each a sum of 1..4 random harmonics (at most period/2), or, for a share of
 *       those with a whole-number period ({@link Builder#optProfileShare}), a free per-position profile;
 *   <li>AR(1) or AR(2) noise, sometimes heavy-tailed (a scale mixture of normals);
 *   <li>regime changes: level shifts and a change of noise variance at random times;
 *   <li>combined additively or multiplicatively (seasonal swing proportional to the level), and sometimes clipped
 *       at zero like counts.
 * </ul>
 *
 * <p>Deterministic: series {@code i} of seed {@code s} depends on {@code (s, i)} only, not on which other series
 * were generated or in which order, so training data can be sharded and resumed. Built in DJL's style.
 */
public final class SyntheticSeriesGenerator {
    /** Frequencies drawn from by default: those of the development data. */
    public static final List<Frequency> DEFAULT_FREQUENCIES = List.of(Frequency.parse("1h"), Frequency.parse("1d"),
            Frequency.parse("1w"), Frequency.parse("1M"), Frequency.parse("1q"), Frequency.parse("1y"));

    /**
     * Every frequency the platform meets, sub-hourly included: their natural periods are 4, 7, 12, 24, 48, 52, 96,
     * 168, 288 and 365.25 steps and the weeks of sub-daily data (336, 672, 2,016). Hourly and monthly are listed twice
     * because a repeat is drawn twice as often: they are the commonest kinds. Text, because it is also
     * {@code train adapt --synthetic-frequencies}' default, and an annotation needs a constant.
     */
    public static final String ALL_FREQUENCY_LIST = "5m,15m,30m,1h,1h,1d,1w,1M,1M,1q,1y";

    /** {@link #ALL_FREQUENCY_LIST}, parsed. */
    public static final List<Frequency> ALL_FREQUENCIES = Arrays.stream(ALL_FREQUENCY_LIST.split(","))
            .map(Frequency::parse).toList();

    private final long seed;
    private final int minLength;
    private final int maxLength;
    private final List<Frequency> frequencies;
    private final double stateSpaceShare;
    private final double profileShare;
    private final double randomWalkShare;

    private SyntheticSeriesGenerator(Builder builder) {
        this.seed = builder.seed;
        this.stateSpaceShare = builder.stateSpaceShare;
        this.profileShare = builder.profileShare;
        this.randomWalkShare = builder.randomWalkShare;
        this.minLength = builder.minLength;
        this.maxLength = builder.maxLength;
        this.frequencies = List.copyOf(builder.frequencies);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The frequencies drawn from, uniformly: one listed twice is drawn twice as often. */
    public List<Frequency> frequencies() {
        return frequencies;
    }

    /** The share of series simulated from state-space models (see {@link Builder#optStateSpaceShare}). */
    public double stateSpaceShare() {
        return stateSpaceShare;
    }

    /** The share of seasonalities drawn as free per-position profiles (see {@link Builder#optProfileShare}). */
    public double profileShare() {
        return profileShare;
    }

    /** The share of state-space series that are random walks (see {@link Builder#optRandomWalkShare}). */
    public double randomWalkShare() {
        return randomWalkShare;
    }

    /** Series {@code 0..count-1}. */
    public List<SyntheticSeries> generate(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        List<SyntheticSeries> series = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            series.add(generate((long) index));
        }
        return series;
    }

    /** Series number {@code index} of this generator's seed. */
    public SyntheticSeries generate(long index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Frequency frequency = frequencies.get(random.nextInt(frequencies.size()));
        // drawn only when the share is set, so that series of a generator without state-space ones stay as they were
        if (stateSpaceShare > 0 && random.nextDouble() < stateSpaceShare) {
            int length = StateSpaceSimulation.length(random, frequency, minLength, maxLength);
            StateSpaceSimulation.Simulated simulated = StateSpaceSimulation.simulate(random, length,
                    candidatePeriods(frequency), profileShare, randomWalkShare);
            return new SyntheticSeries("synthetic/" + seed + "/" + index, frequency,
                    frequencyPeriod(frequency, simulated.seasonalPeriod()), simulated.values(), simulated.recipe());
        }
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        double[] periods = candidatePeriods(frequency);
        StringBuilder recipe = new StringBuilder();

        double level = Math.exp(random.nextDouble(Math.log(1), Math.log(10_000)));
        double[] trend = trend(random, length, recipe);
        double[] season = new double[length];
        int dominantPeriod = 1;
        if (periods.length > 0 && random.nextDouble() < 0.85) {
            recipe.append(", seasonal=[");
            boolean any = false;
            for (int p = 0; p < periods.length; p++) {
                boolean last = p == periods.length - 1;
                if (random.nextDouble() < 0.65 || (last && !any)) {
                    boolean integral = periods[p] == Math.rint(periods[p]);
                    // drawn only when the share is set, so that a generator without profiles keeps its series
                    if (profileShare > 0 && integral && random.nextDouble() < profileShare) {
                        double amplitude = random.nextDouble(0.05, 0.5);
                        double[] profile = SeasonalProfiles.draw(random, (int) periods[p]);
                        for (int t = 0; t < length; t++) {
                            season[t] += amplitude * profile[t % profile.length];
                        }
                        recipe.append(any ? ", " : "").append(formatPeriod(periods[p])).append("xprofile");
                    } else {
                        // Harmonics above period/2 would alias onto lower ones.
                        int harmonics = 1 + random.nextInt((int) Math.max(1, Math.min(4, Math.floor(periods[p] / 2))));
                        double amplitude = random.nextDouble(0.05, 0.5);
                        addSeasonality(random, season, periods[p], harmonics, amplitude);
                        recipe.append(any ? ", " : "").append(formatPeriod(periods[p])).append('x').append(harmonics);
                    }
                    if (!any) {
                        dominantPeriod = (int) Math.round(periods[p]);
                    }
                    any = true;
                }
            }
            recipe.append(']');
        }
        double[] noise = noise(random, length, recipe);
        double[] shifts = levelShifts(random, length, recipe);

        boolean multiplicative = random.nextBoolean();
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            double base = 1 + trend[t] + shifts[t];
            values[t] = multiplicative
                    ? level * base * (1 + season[t]) * (1 + noise[t])
                    : level * (base + season[t] + noise[t]);
        }
        boolean clipped = random.nextDouble() < 0.2;
        if (clipped) {
            for (int t = 0; t < length; t++) {
                values[t] = Math.max(0, values[t]);
            }
        }
        recipe.insert(0, (multiplicative ? "multiplicative" : "additive") + (clipped ? " clipped" : "") + ": ");
        return new SyntheticSeries("synthetic/" + seed + "/" + index, frequency, frequencyPeriod(frequency, dominantPeriod),
                values, recipe.toString());
    }

    /** Seasonal periods in steps natural to a frequency, the shorter first. */
    static double[] candidatePeriods(Frequency frequency) {
        return switch (frequency.unit()) {
            case SECOND, MINUTE, HOUR -> {
                double perDay = Math.max(2, frequency.seasonalPeriod());
                yield new double[] {perDay, 7 * perDay};
            }
            case DAY -> new double[] {7, 365.25};
            case WEEK -> new double[] {365.25 / 7};
            case MONTH -> new double[] {12};
            case QUARTER -> new double[] {4};
            case YEAR -> new double[0];
        };
    }

    /** The period a seasonal method should use: the frequency's own when it has one, else the generated one. */
    private static int frequencyPeriod(Frequency frequency, int dominantPeriod) {
        int period = frequency.seasonalPeriod();
        return period > 1 ? period : dominantPeriod;
    }

    private static double[] trend(SplittableRandom random, int length, StringBuilder recipe) {
        double[] trend = new double[length];
        double total = random.nextDouble(-0.8, 1.5); // relative change over the whole series
        int kind = random.nextInt(5);
        switch (kind) {
            case 0 -> recipe.append("trend=none");
            case 1 -> {
                recipe.append("trend=linear");
                for (int t = 0; t < length; t++) {
                    trend[t] = total * t / length;
                }
            }
            case 2 -> {
                recipe.append("trend=damped");
                for (int t = 0; t < length; t++) {
                    trend[t] = total * Math.log1p(t) / Math.log1p(length);
                }
            }
            case 3 -> {
                recipe.append("trend=exponential");
                double rate = Math.log1p(Math.max(-0.6, total)) / length;
                for (int t = 0; t < length; t++) {
                    trend[t] = Math.expm1(rate * t);
                }
            }
            default -> {
                int changepoints = 1 + random.nextInt(3);
                recipe.append("trend=piecewise(").append(changepoints).append(')');
                double slope = random.nextDouble(-1, 1.5) / length;
                double value = 0;
                int[] points = new int[changepoints];
                for (int c = 0; c < changepoints; c++) {
                    points[c] = random.nextInt(length);
                }
                Arrays.sort(points);
                int next = 0;
                for (int t = 0; t < length; t++) {
                    while (next < changepoints && points[next] == t) {
                        slope = random.nextDouble(-1, 1.5) / length;
                        next++;
                    }
                    value += slope;
                    trend[t] = Math.max(-0.9, value);
                }
            }
        }
        return trend;
    }

    static void addSeasonality(SplittableRandom random, double[] season, double period, int harmonics,
            double amplitude) {
        double[] weights = new double[harmonics];
        double[] phases = new double[harmonics];
        double norm = 0;
        for (int k = 0; k < harmonics; k++) {
            weights[k] = random.nextDouble(0.2, 1) / (k + 1);
            phases[k] = random.nextDouble(0, 2 * Math.PI);
            norm += weights[k];
        }
        for (int t = 0; t < season.length; t++) {
            double value = 0;
            for (int k = 0; k < harmonics; k++) {
                value += weights[k] * Math.sin(2 * Math.PI * (k + 1) * t / period + phases[k]);
            }
            season[t] += amplitude * value / norm;
        }
    }

    private static double[] noise(SplittableRandom random, int length, StringBuilder recipe) {
        double sd = Math.exp(random.nextDouble(Math.log(0.005), Math.log(0.2)));
        boolean secondOrder = random.nextBoolean();
        double phi1;
        double phi2 = 0;
        if (secondOrder) {
            // Inside the AR(2) stationarity triangle: |phi2| < 1, phi2 + phi1 < 1, phi2 - phi1 < 1.
            phi2 = random.nextDouble(-0.5, 0.4);
            double bound = 1 - phi2;
            phi1 = random.nextDouble(-bound * 0.9, bound * 0.9);
        } else {
            phi1 = random.nextDouble(-0.3, 0.95);
        }
        boolean heavyTailed = random.nextDouble() < 0.25;
        int varianceChange = random.nextDouble() < 0.2 ? random.nextInt(length) : -1;
        double varianceFactor = random.nextDouble(0.3, 3);
        recipe.append(String.format(Locale.ROOT, ", noise=AR(%d)[%.2f%s] sd=%.3f%s%s", secondOrder ? 2 : 1,
                phi1, secondOrder ? String.format(Locale.ROOT, ",%.2f", phi2) : "", sd,
                heavyTailed ? " heavy-tailed" : "", varianceChange >= 0 ? " variance-change@" + varianceChange : ""));
        // Scale the innovations so that the stationary standard deviation is sd (roughly, for AR(2)).
        double innovation = sd * Math.sqrt(Math.max(0.05, 1 - phi1 * phi1 - phi2 * phi2));
        double[] noise = new double[length];
        double previous = 0;
        double beforePrevious = 0;
        for (int t = 0; t < length; t++) {
            double shock = random.nextGaussian() * innovation;
            if (heavyTailed && random.nextDouble() < 0.05) {
                shock *= 5;
            }
            if (varianceChange >= 0 && t >= varianceChange) {
                shock *= varianceFactor;
            }
            double value = phi1 * previous + phi2 * beforePrevious + shock;
            noise[t] = value;
            beforePrevious = previous;
            previous = value;
        }
        return noise;
    }

    private static double[] levelShifts(SplittableRandom random, int length, StringBuilder recipe) {
        double[] shifts = new double[length];
        int count = random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(3);
        if (count > 0) {
            recipe.append(", shifts=").append(count);
        }
        for (int c = 0; c < count; c++) {
            int at = random.nextInt(length);
            double size = random.nextDouble(-0.4, 0.4);
            for (int t = at; t < length; t++) {
                shifts[t] += size;
            }
        }
        for (int t = 0; t < length; t++) {
            shifts[t] = Math.max(-0.9, shifts[t]);
        }
        return shifts;
    }

    private static String formatPeriod(double period) {
        return period == Math.rint(period) ? Integer.toString((int) period)
                : String.format(Locale.ROOT, "%.2f", period);
    }

    /** SplitMix64's finaliser over seed and index: well-spread seeds for neighbouring indices. */
    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private Long seed;
        private int minLength = 64;
        private int maxLength = 512;
        private List<Frequency> frequencies = DEFAULT_FREQUENCIES;
        private double stateSpaceShare;
        private double profileShare;
        private double randomWalkShare;

        private Builder() {}

        /**
         * The share of state-space series that are random walks (alpha = 1, no trend, no season), whose best forecast
         * is the last value, as for prices and exchange rates; defaults to 0.
         */
        public Builder optRandomWalkShare(double share) {
            this.randomWalkShare = share;
            return this;
        }

        /**
         * The share of seasonalities drawn as free per-position profiles ({@link SeasonalProfiles}: weekday/weekend
         * blocks, opening hours, spikes) instead of a few smooth harmonics: in the fixed-shape family those with a
         * whole-number period, in the state-space family every season (its period rounded, so also 52 and 365);
         * defaults to 0.
         */
        public Builder optProfileShare(double share) {
            this.profileShare = share;
            return this;
        }

        /**
         * The share of series simulated from exponential-smoothing state-space models ({@link StateSpaceSimulation}:
         * persistent local trends, calendar-length yearly and quarterly series) instead of the fixed-shape recipe;
         * defaults to 0.
         */
        public Builder optStateSpaceShare(double share) {
            this.stateSpaceShare = share;
            return this;
        }

        /** The seed every series derives from (required). */
        public Builder setSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The range of lengths, inclusive; defaults to 64..512. */
        public Builder optLength(int minLength, int maxLength) {
            this.minLength = minLength;
            this.maxLength = maxLength;
            return this;
        }

        /** The frequencies drawn from uniformly; defaults to {@link #DEFAULT_FREQUENCIES}. */
        public Builder optFrequencies(List<Frequency> frequencies) {
            this.frequencies = frequencies;
            return this;
        }

        public SyntheticSeriesGenerator build() {
            if (seed == null) {
                throw new IllegalArgumentException("seed is required but was not set");
            }
            if (minLength < 2) {
                throw new IllegalArgumentException("minLength must be at least 2, was " + minLength);
            }
            if (maxLength < minLength) {
                throw new IllegalArgumentException("maxLength must be at least minLength (" + minLength + "), was "
                        + maxLength);
            }
            if (!(stateSpaceShare >= 0 && stateSpaceShare <= 1)) {
                throw new IllegalArgumentException("stateSpaceShare must be a probability, was " + stateSpaceShare);
            }
            if (!(randomWalkShare >= 0 && randomWalkShare <= 1)) {
                throw new IllegalArgumentException("randomWalkShare must be a probability, was " + randomWalkShare);
            }
            if (!(profileShare >= 0 && profileShare <= 1)) {
                throw new IllegalArgumentException("profileShare must be a probability, was " + profileShare);
            }
            if (frequencies == null || frequencies.isEmpty()) {
                throw new IllegalArgumentException("frequencies must hold at least one frequency, was " + frequencies);
            }
            return new SyntheticSeriesGenerator(this);
        }
    }
}
