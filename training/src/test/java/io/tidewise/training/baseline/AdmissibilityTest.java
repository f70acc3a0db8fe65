package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Verdicts of R's {@code forecast:::admissible} (forecast 8.20) on the same parameters, m = 12 unless noted. */
class AdmissibilityTest {

    @Test
    void agreesWithRInsideTheRegion() {
        assertThat(Admissibility.seasonalForecastable(0.251135, 0.0945181, 0.726282, 0.949943, 12)).isTrue();
        // Undamped models carry a unit root at exactly z = 1: inside, up to rounding.
        assertThat(Admissibility.seasonalForecastable(0.341704, 0, 0.658213, 1, 12)).isTrue();
        assertThat(Admissibility.seasonalForecastable(0.252830, 0.000116643, 0.747140, 1, 12)).isTrue();
        assertThat(Admissibility.seasonalForecastable(0.9999, 0.0001, 0.0001, 1, 12)).isTrue();
        assertThat(Admissibility.seasonalForecastable(0.3, 0.2, 0.69, 0.98, 4)).isTrue();
    }

    @Test
    void agreesWithROutsideTheRegion() {
        // Inside R's usual bounds but a characteristic root lies outside the unit circle: R returns 0.
        assertThat(Admissibility.seasonalForecastable(0.141080, 0.138451, 0.857428, 0.955492, 12)).isFalse();
        // Closed-form bounds: gamma above 1 + 1/phi - alpha.
        assertThat(Admissibility.seasonalForecastable(0.5, 0, 1.6, 1, 4)).isFalse();
    }

    @Test
    void schurCohnFindsRootsOutsideTheRadius() {
        // (z - 0.5)(z + 0.9), (z - 1.1)(z - 0.2), and 0.9 * exp(+-i pi/3): z^2 - 0.9 z + 0.81.
        assertThat(Admissibility.rootsWithin(new double[] {-0.45, 0.4, 1}, 1)).isTrue();
        assertThat(Admissibility.rootsWithin(new double[] {0.22, -1.3, 1}, 1)).isFalse();
        assertThat(Admissibility.rootsWithin(new double[] {0.81, -0.9, 1}, 1)).isTrue();
        assertThat(Admissibility.rootsWithin(new double[] {0.81, -0.9, 1}, 0.85)).isFalse();
        // A root exactly on the circle counts as inside any larger radius only.
        assertThat(Admissibility.rootsWithin(new double[] {-1, 1}, 1)).isFalse();
        assertThat(Admissibility.rootsWithin(new double[] {-1, 1}, 1 + 1e-7)).isTrue();
    }

    @Test
    void fittedSeasonalModelsAreForecastable() {
        double[] airPassengers = RReference.series("airpassengers");
        for (EtsSpec spec : new EtsSpec[] {EtsSpec.ANA, EtsSpec.AAA, EtsSpec.AADA}) {
            EtsParameters fitted = EtsModel.fit(airPassengers, spec, 12).parameters();
            assertThat(Admissibility.seasonalForecastable(fitted.alpha(), fitted.beta(), fitted.gamma(), fitted.phi(),
                    12)).as(spec + " " + fitted).isTrue();
        }
    }
}
