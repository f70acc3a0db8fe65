package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Type-7 quantiles for random samples with ties and missing values. */
class SampleQuantilesPropertiesTest {
    private static final double NaN = Double.NaN;

    @Property(tries = 500)
    void quantilesAreMonotoneAndEndAtTheExtremes(@ForAll("samples") double[] samples, @ForAll("sortedLevels") double[] levels) {
        double[] numbers = Arrays.stream(samples).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] result = SampleQuantiles.summarize(samples, levels);
        if (numbers.length == 0) {
            assertThat(result).containsOnly(NaN);
            return;
        }
        for (int i = 0; i < levels.length; i++) {
            // Type 7 lies between the two order statistics around h = (n - 1) p.
            double h = (numbers.length - 1) * levels[i];
            assertThat(result[i]).isBetween(numbers[(int) Math.floor(h)], numbers[(int) Math.ceil(h)]);
            if (i > 0) {
                assertThat(result[i]).isGreaterThanOrEqualTo(result[i - 1]);
            }
        }
        assertThat(SampleQuantiles.summarize(samples, new double[] {0, 1}))
                .containsExactly(numbers[0], numbers[numbers.length - 1]);
    }

    @Property(tries = 300)
    void orderStatisticsAreHitExactlyAtTheirLevels(@ForAll("samples") double[] samples) {
        double[] numbers = Arrays.stream(samples).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (numbers.length < 2) {
            return;
        }
        int n = numbers.length;
        for (int k = 0; k < n; k++) {
            double level = (double) k / (n - 1);
            double h = (n - 1) * level;
            if (h == k) { // the level is exactly representable for this k
                assertThat(SampleQuantiles.summarize(samples, new double[] {level})[0]).isEqualTo(numbers[k]);
            }
        }
    }

    @Property(tries = 300)
    void orderOfSamplesAndInsertedNansDoNotMatter(@ForAll("samples") double[] samples, @ForAll long seed) {
        double[] levels = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        List<Double> shuffled = new ArrayList<>();
        for (double sample : samples) {
            shuffled.add(sample);
            shuffled.add(NaN);
        }
        Collections.shuffle(shuffled, new Random(seed));
        double[] other = shuffled.stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(SampleQuantiles.summarize(other, levels)).isEqualTo(SampleQuantiles.summarize(samples, levels));
        double mean = SampleQuantiles.mean(samples);
        if (Double.isNaN(mean)) {
            assertThat(SampleQuantiles.mean(other)).isNaN();
        } else {
            assertThat(SampleQuantiles.mean(other)).isCloseTo(mean, within(1e-9 * (1 + Math.abs(mean))));
        }
    }

    @Provide
    Arbitrary<double[]> samples() {
        Arbitrary<Double> sample = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.doubles().between(-1e3, 1e3)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(-1.0, 0.0, 2.5)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NaN)));
        return sample.array(double[].class).ofMinSize(0).ofMaxSize(120);
    }

    @Provide
    Arbitrary<double[]> sortedLevels() {
        return Arbitraries.doubles().between(0, 1).array(double[].class).ofMinSize(1).ofMaxSize(20).map(levels -> {
            Arrays.sort(levels);
            return levels;
        });
    }
}
