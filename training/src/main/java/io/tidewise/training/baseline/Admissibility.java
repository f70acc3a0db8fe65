package io.tidewise.training.baseline;

/**
 * The admissible (forecastable) parameter region of additive seasonal ETS models: the weights of old observations
 * in a forecast must die out. Hyndman, Akram and Archibald (2008), <i>The admissible parameter space for
 * exponential smoothing models</i>, as R's {@code forecast:::admissible} tests it: closed-form bounds first, then
 * every root of the characteristic polynomial
 * {@code phi(1-alpha-gamma) + (alpha+beta-alpha*phi+gamma-1) z + (alpha+beta-alpha*phi)(z^2 + ... + z^(m-1))
 * + (alpha+beta-phi) z^m + z^(m+1)} inside the unit circle. Non-seasonal models inside R's usual bounds are always
 * admissible, so only seasonal ones are checked.
 */
final class Admissibility {
    private static final double UNIT_CIRCLE_TOLERANCE = 1e-7;

    private Admissibility() {}

    static boolean seasonalForecastable(double alpha, double beta, double gamma, double phi, int m) {
        if (phi < 0 || phi > 1 + 1e-8) {
            return false;
        }
        if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) {
            return false;
        }
        if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) {
            return false;
        }
        if (beta < -(1 - phi) * (gamma / m + alpha)) {
            return false;
        }
        double[] coefficients = new double[m + 2]; // constant term first; monic
        coefficients[0] = phi * (1 - alpha - gamma);
        coefficients[1] = alpha + beta - alpha * phi + gamma - 1;
        for (int k = 2; k < m; k++) {
            coefficients[k] = alpha + beta - alpha * phi;
        }
        coefficients[m] = alpha + beta - phi;
        coefficients[m + 1] = 1;
        return rootsWithin(coefficients, 1 + UNIT_CIRCLE_TOLERANCE);
    }

    /**
     * Whether every root of {@code coefficients} (constant term first) has modulus below {@code radius}, by the
     * Schur-Cohn step-down test (Jury's table): p has all roots inside the unit disk iff {@code |a0| < |an|} and
     * {@code (an*p(z) - a0*reverse(p)(z)) / z} does too. Testing {@code p(radius*z)} instead moves the boundary to
     * {@code radius}. It costs O(n^2) arithmetic, against O(n^3) with many more constants for the eigenvalues of the
     * companion matrix, which matters because the optimiser asks at every evaluation.
     */
    static boolean rootsWithin(double[] coefficients, double radius) {
        int degree = coefficients.length - 1;
        double[] p = new double[degree + 1];
        double power = 1;
        for (int k = 0; k <= degree; k++) {
            p[k] = coefficients[k] * power;
            power *= radius;
        }
        while (degree > 0) {
            if (!(Math.abs(p[0]) < Math.abs(p[degree]))) {
                return false;
            }
            double[] reduced = new double[degree];
            for (int k = 0; k < degree; k++) {
                reduced[k] = p[degree] * p[k + 1] - p[0] * p[degree - 1 - k];
            }
            double leading = reduced[degree - 1];
            for (int k = 0; k < degree; k++) {
                reduced[k] /= leading;
            }
            p = reduced;
            degree--;
        }
        return true;
    }
}
