package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class AdmissibilityPropertiesTest {

    /** Real roots chosen away from the circle: the step-down test must agree with the largest modulus. */
    @Property(tries = 300)
    void schurCohnAgreesWithKnownRoots(
            @ForAll @Size(min = 1, max = 14) List<@DoubleRange(min = -1.6, max = 1.6) Double> roots) {
        double largest = 0;
        for (double root : roots) {
            largest = Math.max(largest, Math.abs(root));
        }
        if (Math.abs(largest - 1) < 0.02) {
            return; // too close to the circle for a clear verdict in floating point
        }
        double[] coefficients = {1}; // constant term first
        for (double root : roots) { // multiply by (z - root)
            double[] next = new double[coefficients.length + 1];
            for (int k = 0; k < coefficients.length; k++) {
                next[k + 1] += coefficients[k];
                next[k] -= root * coefficients[k];
            }
            coefficients = next;
        }
        assertThat(Admissibility.rootsWithin(coefficients, 1)).as("roots %s", roots).isEqualTo(largest < 1);
    }
}
