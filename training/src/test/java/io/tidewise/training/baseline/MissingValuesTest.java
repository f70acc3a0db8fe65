package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MissingValuesTest {
    private static final double NA = Double.NaN;

    @Test
    void interiorGapsAreInterpolatedLinearlyAndEdgesCarried() {
        assertThat(MissingValues.interpolate(new double[] {NA, NA, 2, NA, NA, 5, 6, NA}))
                .containsExactly(2, 2, 2, 3, 4, 5, 6, 6);
    }

    @Test
    void theInputIsNotChanged() {
        double[] values = {1, NA, 3};
        MissingValues.interpolate(values);
        assertThat(values[1]).isNaN();
    }

    @Test
    void allMissingIsRejected() {
        assertThatThrownBy(() -> MissingValues.interpolate(new double[] {NA, NA}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all missing");
    }
}
