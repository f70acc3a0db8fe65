package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Quantile interpolation for random head outputs, crossed or not, and random requested levels. */
class QuantileInterpolationPropertiesTest {
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    @Property(tries = 500)
    void resultIsNonDecreasingInTheLevelAndBoundedByTheTrainedValues(@ForAll("headOutputs") float[] values,
            @ForAll("sortedLevels") double[] requested) {
        double[] result = QuantileInterpolation.interpolate(DECILES, values, requested);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i < result.length; i++) {
            assertThat(result[i]).isBetween(min, max);
            if (i > 0) {
                assertThat(result[i]).as("value at %s after %s", requested[i], requested[i - 1])
                        .isGreaterThanOrEqualTo(result[i - 1]);
            }
            if (requested[i] <= DECILES[0]) {
                assertThat(result[i]).isEqualTo(min);
            }
            if (requested[i] >= DECILES[DECILES.length - 1]) {
                assertThat(result[i]).isEqualTo(max);
            }
        }
    }

    @Property(tries = 300)
    void resultIsLinearBetweenNeighbouringTrainedLevels(@ForAll("headOutputs") float[] values,
            @ForAll("sortedLevels") double[] requested) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = values[i];
        }
        Arrays.sort(sorted);
        double[] result = QuantileInterpolation.interpolate(DECILES, values, requested);
        for (int i = 0; i < requested.length; i++) {
            double level = requested[i];
            if (level <= 0.1 || level >= 0.9) {
                continue;
            }
            int lower = Math.min(7, (int) Math.floor((level - 0.1) / 0.1 + 1e-12));
            double fraction = (level - DECILES[lower]) / 0.1;
            double expected = sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
            double tolerance = 1e-9 * (Math.abs(sorted[lower]) + Math.abs(sorted[lower + 1]) + 1);
            assertThat(result[i]).isCloseTo(expected, within(tolerance));
        }
    }

    @Provide
    Arbitrary<float[]> headOutputs() {
        return Arbitraries.floats().between(-1e6f, 1e6f).array(float[].class).ofSize(9);
    }

    @Provide
    Arbitrary<double[]> sortedLevels() {
        return Arbitraries.doubles().between(0, 1).array(double[].class).ofMinSize(1).ofMaxSize(30).map(levels -> {
            Arrays.sort(levels);
            return levels;
        });
    }
}
