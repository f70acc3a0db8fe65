package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantileInterpolationTest {
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    @Test
    void matchesNumpyInterpWithClampedEnds() {
        float[] values = {-3.5f, -1.25f, 0f, 0.5f, 2f, 2.75f, 4f, 7.5f, 12f};
        double[] requested = {0.0, 0.05, 0.1, 0.15, 0.25, 0.5, 0.55, 0.875, 0.9, 0.95, 1.0};
        // numpy.interp(requested, DECILES, values), which also clamps outside the trained range.
        double[] numpy = {-3.5, -3.5, -3.5, -2.375, -0.625, 2.0, 2.375, 10.875, 12.0, 12.0, 12.0};
        assertThat(QuantileInterpolation.interpolate(DECILES, values, requested)).containsExactly(numpy, within(1e-12));
    }

    @Test
    void trainedLevelsGiveTheirOwnValues() {
        float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(QuantileInterpolation.interpolate(DECILES, values, DECILES))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void crossedQuantilesAreRearrangedIntoOrder() {
        // The 0.5 head predicted below the 0.3 head: sorting gives 1, 2, 3 at 0.1, 0.5, 0.9.
        double[] levels = {0.1, 0.5, 0.9};
        float[] crossed = {1, 3, 2};
        double[] result = QuantileInterpolation.interpolate(levels, crossed, new double[] {0.1, 0.3, 0.5, 0.7, 0.9});
        assertThat(result).containsExactly(new double[] {1, 1.5, 2, 2.5, 3}, within(1e-12));
    }

    @Test
    void unsortedRequestsAreAnsweredInTheirOwnOrder() {
        float[] values = {10, 20, 30, 40, 50, 60, 70, 80, 90};
        assertThat(QuantileInterpolation.interpolate(DECILES, values, new double[] {0.9, 0.5, 0.05}))
                .containsExactly(90, 50, 10);
    }

    @Test
    void singleTrainedLevelIsConstant() {
        assertThat(QuantileInterpolation.interpolate(new double[] {0.5}, new float[] {7f}, new double[] {0, 0.5, 0.99}))
                .containsExactly(7, 7, 7);
    }

    @Test
    void validationNamesTheFieldAndTheValue() {
        float[] nine = new float[9];
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(DECILES, new float[8], DECILES))
                .hasMessage("valuesAtTrainedLevels must hold one value per trained level (9), was 8");
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(new double[0], new float[0], DECILES))
                .hasMessage("trainedLevels must hold at least one level, was empty");
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(new double[] {0.1, 0.5, 0.5}, new float[3], DECILES))
                .hasMessage("trainedLevels must be strictly increasing, but trainedLevels[2]=0.5 follows 0.5");
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(new double[] {0.1, 1.5}, new float[2], DECILES))
                .hasMessage("trainedLevels[1] must lie within [0, 1], was 1.5");
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(DECILES, nine, new double[] {0.5, Double.NaN}))
                .hasMessage("requestedLevels[1] must lie within [0, 1], was NaN");
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(DECILES, nine, new double[] {-0.1}))
                .hasMessage("requestedLevels[0] must lie within [0, 1], was -0.1");
        float[] withNan = new float[9];
        withNan[4] = Float.NaN;
        assertThatThrownBy(() -> QuantileInterpolation.interpolate(DECILES, withNan, DECILES))
                .hasMessage("valuesAtTrainedLevels[4] must be finite, was NaN");
    }
}
