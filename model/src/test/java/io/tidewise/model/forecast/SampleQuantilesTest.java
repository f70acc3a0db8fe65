package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.junit.jupiter.api.Test;

class SampleQuantilesTest {
    private static final double NaN = Double.NaN;

    @Test
    void matchesNumpyDefaultLinearMethod() {
        // numpy.quantile([1, 2, 3, 4], [0, .1, .25, .5, .9, 1])
        assertThat(SampleQuantiles.summarize(new double[] {1, 2, 3, 4}, new double[] {0, 0.1, 0.25, 0.5, 0.9, 1}))
                .containsExactly(new double[] {1, 1.3, 1.75, 2.5, 3.7, 4}, within(1e-12));
        // numpy.quantile([-2.5, 0, 0.1, 4, 4, 12.75, -7, 3.3, 1e6], levels)
        double[] samples = {-2.5, 0.0, 0.1, 4.0, 4.0, 12.75, -7.0, 3.3, 1e6};
        double[] levels = {0, 0.05, 0.1, 0.33, 0.5, 0.8, 0.95, 1};
        double[] numpy = {-7.0, -5.2, -3.4, 0.064, 3.3, 7.5, 600005.1, 1e6};
        double[] result = SampleQuantiles.summarize(samples, levels);
        for (int i = 0; i < levels.length; i++) {
            assertThat(result[i]).as("level %s", levels[i]).isCloseTo(numpy[i], within(1e-9 * Math.max(1, Math.abs(numpy[i]))));
        }
    }

    @Test
    void ignoresNanLikeNumpyNanquantile() {
        // numpy.nanquantile([7, nan, 1, 3, nan, 10, 5], [0, .1, .5, .75, .9, .99, 1])
        double[] samples = {7, NaN, 1, 3, NaN, 10, 5};
        assertThat(SampleQuantiles.summarize(samples, new double[] {0, 0.1, 0.5, 0.75, 0.9, 0.99, 1}))
                .containsExactly(new double[] {1, 1.8, 5, 7, 8.8, 9.88, 10}, within(1e-12));
        assertThat(SampleQuantiles.mean(samples)).isEqualTo(5.2);
    }

    @Test
    void noNumbersGiveNan() {
        assertThat(SampleQuantiles.summarize(new double[] {NaN, NaN}, new double[] {0.1, 0.9})).containsOnly(NaN);
        assertThat(SampleQuantiles.summarize(new double[0], new double[] {0.5})).containsOnly(NaN);
        assertThat(SampleQuantiles.mean(new double[] {NaN})).isNaN();
        assertThat(SampleQuantiles.mean(new double[0])).isNaN();
    }

    @Test
    void singleSampleAndEqualSamplesAreConstant() {
        assertThat(SampleQuantiles.summarize(new double[] {4.5}, new double[] {0, 0.3, 1})).containsOnly(4.5);
        assertThat(SampleQuantiles.summarize(new double[] {-2, -2, -2}, new double[] {0.1, 0.5, 0.9})).containsOnly(-2.0);
    }

    @Test
    void meanMatchesNumpy() {
        double[] samples = {-2.5, 0.0, 0.1, 4.0, 4.0, 12.75, -7.0, 3.3, 1e6};
        assertThat(SampleQuantiles.mean(samples)).isCloseTo(111112.7388888889, within(1e-8));
    }

    @Test
    void doesNotModifyItsInput() {
        double[] samples = {3, 1, NaN, 2};
        SampleQuantiles.summarize(samples, new double[] {0.5});
        assertThat(samples).containsExactly(3, 1, NaN, 2);
    }

    @Test
    void validationNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> SampleQuantiles.summarize(new double[] {1}, new double[] {0.5, 1.2}))
                .hasMessage("levels[1] must lie within [0, 1], was 1.2");
        assertThatThrownBy(() -> SampleQuantiles.summarize(new double[] {1}, new double[] {NaN}))
                .hasMessage("levels[0] must lie within [0, 1], was NaN");
        assertThatThrownBy(() -> SampleQuantiles.summarize(null, new double[] {0.5})).hasMessage("samples");
    }

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
