package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardScalerTest {
    private static final double NaN = Double.NaN;

    @Test
    void centersOnTheMeanAndScalesByTheStandardDeviationOfObservedValues() {
        Scale scale = StandardScaler.scaleOf(new double[] {1, NaN, 3, Double.POSITIVE_INFINITY});
        assertThat(scale.center()).isEqualTo(2.0);
        assertThat(scale.value()).isEqualTo(1.0);
        assertThat(scale.apply(5)).isEqualTo(3.0);
        assertThat(scale.invert(-1)).isEqualTo(1.0);
    }

    @Test
    void nothingToMeasureGivesTheIdentity() {
        assertThat(StandardScaler.scaleOf(new double[] {})).isEqualTo(new Scale(0, 1));
        assertThat(StandardScaler.scaleOf(new double[] {NaN, NaN})).isEqualTo(new Scale(0, 1));
        assertThat(StandardScaler.scaleOf(new double[] {0, 0, -0.0})).isEqualTo(new Scale(0, 1));
    }

    @Test
    void aConstantWindowKeepsItsLevelWithAFlooredScale() {
        Scale scale = StandardScaler.scaleOf(new double[] {100, 100, 100});
        assertThat(scale.center()).isEqualTo(100.0);
        assertThat(scale.value()).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void hugeValuesDoNotOverflow() {
        double max = Double.MAX_VALUE;
        Scale scale = StandardScaler.scaleOf(new double[] {max, -max});
        assertThat(scale.center()).isZero();
        assertThat(scale.value()).isCloseTo(max, within(max * 1e-15));
    }

    @Test
    void measuresTheRangeAskedForOnly() {
        Scale scale = StandardScaler.scaleOf(new double[] {1000, 1, 3, 1000}, 1, 3);
        assertThat(scale).isEqualTo(new Scale(2, 1));
    }
}
