package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EtsModelTest {

    /** Ten days of hourly data: a daily cycle of two harmonics, a slow trend and AR(1) noise. */
    private static double[] hourly() {
        Random random = new Random(24);
        double[] values = new double[240];
        double noise = 0;
        for (int t = 0; t < values.length; t++) {
            noise = 0.6 * noise + random.nextGaussian() * 20;
            values[t] = 1000 + 0.8 * t + 150 * Math.sin(2 * Math.PI * t / 24) + 60 * Math.cos(4 * Math.PI * t / 24)
                    + noise;
        }
        return values;
    }

    @Test
    void aModelIsAtLeastAsLikelyAsTheSimplerModelNestedInIt() {
        double[] y = hourly();
        EtsModel seasonal = EtsModel.fit(y, EtsSpec.ANA, 24);
        EtsModel trended = EtsModel.fit(y, EtsSpec.AAA, 24, seasonal);
        EtsModel damped = EtsModel.fit(y, EtsSpec.AADA, 24, trended);
        // AAA with beta -> 1e-4 and slope 0 is ANA; Nelder-Mead in 28 dimensions from R's start alone can stop
        // well short of that, the warm start from ANA's optimum cannot.
        assertThat(trended.likelihoodCriterion()).isLessThanOrEqualTo(seasonal.likelihoodCriterion() + 0.5);
        // Damping at phi = 0.98 is close to AAA: allow the gap that bound costs.
        assertThat(damped.likelihoodCriterion()).isLessThanOrEqualTo(trended.likelihoodCriterion() + 2);
    }

    @Test
    void theSimplerModelMustBeNestedAndFittedToTheSameSeries() {
        double[] y = hourly();
        EtsModel trended = EtsModel.fit(y, EtsSpec.AAN, 1);
        assertThatThrownBy(() -> EtsModel.fit(y, EtsSpec.ANA, 24, trended))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested in ETS(ANA)");
        assertThatThrownBy(() -> EtsModel.fit(Arrays.copyOf(y, 200), EtsSpec.AADN, 1, trended))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same 200 values");
    }

    @Test
    void tooShortSeriesAreRejectedWithTheNeededLength() {
        assertThatThrownBy(() -> EtsModel.fit(new double[] {1, 2, 3, 4, 5, 6}, EtsSpec.ANN, 1))
                .hasMessageContaining("needs at least 7");
        assertThatThrownBy(() -> EtsModel.fit(new double[20], EtsSpec.ANA, 12))
                .hasMessageContaining("two full cycles");
    }

    @Test
    void specsNestAsTheirComponentsDo() {
        assertThat(EtsSpec.AADA.contains(EtsSpec.ANN)).isTrue();
        assertThat(EtsSpec.AAA.contains(EtsSpec.ANA)).isTrue();
        assertThat(EtsSpec.ANA.contains(EtsSpec.AAN)).isFalse();
        assertThat(EtsSpec.AAN.contains(EtsSpec.ANA)).isFalse();
        assertThat(EtsSpec.parse("AAdN")).isEqualTo(EtsSpec.AADN);
        assertThatThrownBy(() -> EtsSpec.parse("MAM")).hasMessageContaining("was 'MAM'");
    }
}
