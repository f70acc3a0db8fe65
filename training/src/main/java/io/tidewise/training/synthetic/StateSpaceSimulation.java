package io.tidewise.training.synthetic;

import io.tidewise.core.Frequency;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Series simulated from exponential-smoothing state-space models (Hyndman, Koehler, Ord and Snyder, <i>Forecasting
 * with Exponential Smoothing</i>, 2008, chapter 2): a level, a slope and a seasonal pattern that evolve with every
 * shock, with additive or multiplicative errors, no, linear, damped or exponential trend, and no, additive or
 * multiplicative season.
 *
 * <p>Why a second family beside {@link SyntheticSeriesGenerator}'s fixed trend shapes: there a trend is one curve
 * over a whole series of up to 2,048 values, so a 64-value window of it barely slopes, and a model trained on it
 * learns that the best forecast of a short trending series is about flat. Here the slope is a state that persists
 * from step to step (a small beta) and is drawn per window length, so short yearly and macro-like series that keep
 * growing, as GDP and population do, are common, and the series' own recent slope is what predicts its future.
 * Lengths follow the frequency: yearly series are 16-160 values, as real ones are. Optionally, seasons are free
 * per-position profiles ({@link SeasonalProfiles}), and a share of series are random walks, as prices nearly are.
 */
final class StateSpaceSimulation {
    private StateSpaceSimulation() {}

    /** Values and the recipe of one simulated series. */
    record Simulated(double[] values, String recipe, int seasonalPeriod) {}

    /** The length of a simulated series of this frequency: calendar frequencies as short as real ones are. */
    static int length(SplittableRandom random, Frequency frequency, int minLength, int maxLength) {
        int[] range = switch (frequency.unit()) {
            case YEAR -> new int[] {16, 160};
            case QUARTER -> new int[] {24, 400};
            case MONTH -> new int[] {36, 800};
            default -> new int[] {minLength, maxLength};
        };
        int low = Math.max(minLength, Math.min(range[0], maxLength));
        int high = Math.max(low, Math.min(range[1], maxLength));
        return low + random.nextInt(high - low + 1);
    }

    /**
     * One series: with probability {@code randomWalkShare} a random walk (no trend, no season, the level takes the
     * whole shock: alpha = 1), else a model drawn as the class comment says, whose seasons are free per-position
     * profiles with probability {@code profileShare}. Each share is drawn on only when it is set, so that a generator
     * without it keeps its series.
     */
    static Simulated simulate(SplittableRandom random, int length, double[] periods, double profileShare,
            double randomWalkShare) {
        boolean randomWalk = randomWalkShare > 0 && random.nextDouble() < randomWalkShare;
        boolean multiplicativeError = random.nextBoolean();
        double trendDraw = random.nextDouble();
        char trend = trendDraw < 0.15 ? 'N' : trendDraw < 0.55 ? 'A' : trendDraw < 0.9 ? 'D' : 'M';
        if (trend == 'M' && !multiplicativeError) {
            trend = 'D'; // exponential trends with additive errors can cross zero and explode
        }
        int period = 1;
        char season = 'N';
        if (periods.length > 0 && random.nextDouble() < 0.6) {
            period = (int) Math.round(periods[random.nextInt(periods.length)]);
            // a week of 5-minute values is longer than most windows; keep seasons a window can show
            if (period > 2 && period * 3 <= Math.max(length, 6)) {
                season = random.nextBoolean() ? 'A' : 'M';
            } else {
                period = 1;
            }
        }

        double alpha = random.nextDouble(0.1, 1.0);
        if (randomWalk) {
            // prices and exchange rates: the last value is the best forecast, which a model must learn to give
            trend = 'N';
            season = 'N';
            period = 1;
            alpha = 1;
        }
        // Fitted betas are mostly tiny: a slope that takes a large share of every shock random-walks away from the
        // drawn trend within a few hundred steps (and, compounded, explodes).
        double beta = trend == 'N' ? 0 : alpha * Math.exp(random.nextDouble(Math.log(0.001), Math.log(0.3)));
        double gamma = season == 'N' ? 0 : (1 - alpha) * random.nextDouble(0, 0.5);
        double phi = trend == 'D' ? random.nextDouble(0.85, 0.99) : 1;
        double sigma = Math.exp(random.nextDouble(Math.log(0.002), Math.log(0.1)));

        double level = Math.exp(random.nextDouble(Math.log(1), Math.log(10_000)));
        double initialLevel = level;
        // Relative change over a window-sized stretch, so even short windows slope; mostly growth, as in economies.
        double magnitude = Math.exp(random.nextDouble(Math.log(0.02), Math.log(3)));
        double windowChange = random.nextDouble() < 0.7 ? magnitude : -Math.min(0.8, magnitude);
        double stretch = Math.min(length, 600);
        double slope = trend == 'N' ? 0 : level * windowChange / stretch;
        double logGrowth = trend == 'M' ? Math.log1p(Math.max(-0.6, windowChange)) / stretch : 0;
        // the growth rate wanders, but never beyond twice its start (plus half a level per window): no blow-ups
        double growthBound = 2 * Math.abs(logGrowth) + 0.5 / stretch;
        double growth = Math.exp(logGrowth);

        boolean profiled = season != 'N' && profileShare > 0 && random.nextDouble() < profileShare;
        double[] seasonal = initialSeason(random, period, season, profiled);
        double floor = 0.01 * initialLevel;
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            int s = t % period;
            double base = switch (trend) {
                case 'N' -> level;
                case 'M' -> level * growth;
                default -> level + phi * slope;
            };
            double fitted = season == 'M' ? base * seasonal[s] : base + (season == 'A' ? seasonal[s] * initialLevel : 0);
            double shock = random.nextGaussian() * sigma;
            double value;
            if (multiplicativeError) {
                value = fitted * (1 + shock);
                level = Math.max(floor, base * (1 + alpha * shock));
                if (trend == 'M') {
                    logGrowth = Math.min(growthBound, Math.max(-growthBound, logGrowth + beta * shock / stretch));
                    growth = Math.exp(logGrowth);
                } else if (trend != 'N') {
                    slope = phi * slope + beta * base * shock;
                }
                if (season == 'M') {
                    seasonal[s] = Math.max(0.05, seasonal[s] * (1 + gamma * shock));
                } else if (season == 'A') {
                    seasonal[s] += gamma * fitted * shock / initialLevel;
                }
            } else {
                double error = shock * initialLevel;
                value = fitted + error;
                double deseasonalised = season == 'M' ? error / seasonal[s] : error;
                level = base + alpha * deseasonalised;
                if (trend != 'N') {
                    slope = phi * slope + beta * deseasonalised;
                }
                if (season == 'M') {
                    seasonal[s] = Math.max(0.05, seasonal[s] + gamma * error / Math.max(floor, base));
                } else if (season == 'A') {
                    seasonal[s] += gamma * error / initialLevel;
                }
            }
            values[t] = value;
        }
        String recipe = String.format(Locale.ROOT, "state-space %sETS(%s,%s,%s)%s alpha=%.2f beta=%.3f gamma=%.3f"
                        + "%s sigma=%.4f%s", randomWalk ? "random walk " : "", multiplicativeError ? "M" : "A",
                trend == 'D' ? "Ad" : String.valueOf(trend), String.valueOf(season),
                season == 'N' ? "" : "[" + period + (profiled ? " profile" : "") + "]", alpha, beta, gamma,
                trend == 'D' ? String.format(Locale.ROOT, " phi=%.3f", phi) : "", sigma,
                trend == 'N' ? "" : String.format(Locale.ROOT, " change-per-%d=%+.3f", (int) stretch, windowChange));
        return new Simulated(values, recipe, period);
    }

    /**
     * One season's starting pattern: additive as a share of the level, multiplicative as factors around 1; a few
     * harmonics, or a free per-position profile ({@link SeasonalProfiles}).
     */
    private static double[] initialSeason(SplittableRandom random, int period, char season, boolean profiled) {
        double[] pattern = new double[period];
        if (season == 'N') {
            if (period == 1) {
                pattern[0] = 1;
            }
            return pattern;
        }
        double amplitude = Math.exp(random.nextDouble(Math.log(0.02), Math.log(0.4)));
        if (profiled) {
            double[] profile = SeasonalProfiles.draw(random, period);
            for (int t = 0; t < period; t++) {
                pattern[t] = season == 'M' ? Math.max(0.05, 1 + amplitude * profile[t]) : amplitude * profile[t];
            }
            return pattern;
        }
        int harmonics = 1 + random.nextInt(Math.max(1, Math.min(4, period / 2)));
        double phase = random.nextDouble(0, 2 * Math.PI);
        for (int t = 0; t < period; t++) {
            double value = 0;
            for (int k = 1; k <= harmonics; k++) {
                value += Math.sin(2 * Math.PI * k * t / period + phase * k) / k;
            }
            pattern[t] = amplitude * value / harmonics;
        }
        if (season == 'M') {
            for (int t = 0; t < period; t++) {
                pattern[t] = Math.max(0.05, 1 + pattern[t]);
            }
        }
        return pattern;
    }
}
