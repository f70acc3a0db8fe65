package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/** Mean-abs scaling for random windows of mixed magnitudes, zeros and missing values. */
class MeanAbsScalerPropertiesTest {
    @Property(tries = 500)
    void scaleIsPositiveFiniteAndTheMeanAbs(@ForAll("windows") double[] window) {
        Scale scale = MeanAbsScaler.scaleOf(window);
        assertThat(scale.value()).isPositive().isFinite();
        double sum = 0;
        int observed = 0;
        for (double v : window) {
            if (!Double.isNaN(v)) {
                sum += Math.abs(v);
                observed++;
            }
        }
        double expected = observed == 0 || sum == 0 ? 1.0 : sum / observed;
        assertThat(scale.value()).isCloseTo(expected, within(expected * 1e-12));
    }

    @Property(tries = 300)
    void scalingByAPowerOfTwoScalesTheScaleExactly(@ForAll("windows") double[] window) {
        Scale scale = MeanAbsScaler.scaleOf(window);
        double[] doubled = new double[window.length];
        for (int i = 0; i < window.length; i++) {
            doubled[i] = -8 * window[i];
        }
        Scale doubledScale = MeanAbsScaler.scaleOf(doubled);
        if (scale.value() == 1.0 && allZeroOrMissing(window)) {
            assertThat(doubledScale.value()).isEqualTo(1.0);
        } else {
            assertThat(doubledScale.value()).isEqualTo(8 * scale.value());
        }
    }

    @Provide
    Arbitrary<double[]> windows() {
        return SeriesArbitraries.window(200);
    }

    private static boolean allZeroOrMissing(double[] window) {
        for (double v : window) {
            if (!Double.isNaN(v) && v != 0) {
                return false;
            }
        }
        return true;
    }
}
