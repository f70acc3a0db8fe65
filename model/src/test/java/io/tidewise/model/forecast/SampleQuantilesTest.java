package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
}
