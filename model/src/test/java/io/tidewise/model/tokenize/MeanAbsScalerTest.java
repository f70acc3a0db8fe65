package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanAbsScalerTest {
    private static final double NaN = Double.NaN;

    @Test
    void scaleIsTheMeanOfAbsoluteObservedValues() {
        assertThat(MeanAbsScaler.scaleOf(new double[] {1, -3, NaN, 2}).value()).isEqualTo(2.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {-4}).value()).isEqualTo(4.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {0, 0, 6}).value()).isEqualTo(2.0);
    }

    @Test
    void windowsWithNothingToMeasureGetUnitScale() {
        assertThat(MeanAbsScaler.scaleOf(new double[] {}).value()).isEqualTo(1.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {0, 0, 0}).value()).isEqualTo(1.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {NaN, NaN}).value()).isEqualTo(1.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {0, NaN, -0.0}).value()).isEqualTo(1.0);
    }

    @Test
    void subnormalMeanGetsUnitScale() {
        assertThat(MeanAbsScaler.scaleOf(new double[] {Double.MIN_VALUE, 0}).value()).isEqualTo(1.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {1e-310}).value()).isEqualTo(1.0);
        assertThat(MeanAbsScaler.scaleOf(new double[] {Double.MIN_NORMAL}).value()).isEqualTo(Double.MIN_NORMAL);
    }

    @Test
    void hugeValuesDoNotOverflowTheMean() {
        double max = Double.MAX_VALUE;
        assertThat(MeanAbsScaler.scaleOf(new double[] {max, -max, max}).value()).isCloseTo(max, within(max * 1e-15));
        assertThat(MeanAbsScaler.scaleOf(new double[] {1e308, 1e308, 0, 0}).value())
                .isCloseTo(5e307, within(5e307 * 1e-15));
    }

    @Test
    void infiniteValuesCountAsMissing() {
        assertThat(MeanAbsScaler.scaleOf(new double[] {Double.POSITIVE_INFINITY, 3, Double.NEGATIVE_INFINITY, -1})
                .value()).isEqualTo(2.0);
        assertThat(MeanAbsScaler.isObserved(Double.POSITIVE_INFINITY)).isFalse();
        assertThat(MeanAbsScaler.isObserved(NaN)).isFalse();
        assertThat(MeanAbsScaler.isObserved(-0.0)).isTrue();
    }

    @Test
    void rangeVariantMeasuresOnlyTheRange() {
        double[] values = {100, NaN, 1, -3, 1000};
        assertThat(MeanAbsScaler.scaleOf(values, 1, 4).value()).isEqualTo(2.0);
        assertThat(MeanAbsScaler.scaleOf(values, 2, 2).value()).isEqualTo(1.0);
        assertThatThrownBy(() -> MeanAbsScaler.scaleOf(values, 3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
