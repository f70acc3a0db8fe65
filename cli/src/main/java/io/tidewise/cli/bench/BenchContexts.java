package io.tidewise.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reproducible contexts for throughput runs: hourly-looking series (level, trend, a daily cycle of period
 * {@value #SEASONAL_PERIOD}, noise), different per series. Their content does not change the work a model does per
 * series; it keeps the baseline's work realistic.
 */
final class BenchContexts {
    static final int SEASONAL_PERIOD = 24;

    private BenchContexts() {}

    static List<double[]> generate(int count, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> contexts = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            double level = 10 + random.nextDouble() * 1000;
            double trend = (random.nextDouble() - 0.5) * level / length;
            double amplitude = level * random.nextDouble() * 0.3;
            double phase = random.nextDouble() * 2 * Math.PI;
            double[] values = new double[length];
            for (int t = 0; t < length; t++) {
                values[t] = level + trend * t + amplitude * Math.sin(2 * Math.PI * t / SEASONAL_PERIOD + phase)
                        + level * 0.05 * random.nextGaussian();
            }
            contexts.add(values);
        }
        return contexts;
    }
}
