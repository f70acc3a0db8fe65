package io.tidewise.training.baseline;

import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

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
        // The roots are the eigenvalues of the companion matrix (first row -a(n-1) .. -a(0), ones below the
        // diagonal): a dense QR iteration that always terminates, unlike a root polisher started from one guess.
        int degree = m + 1;
        double[][] companion = new double[degree][degree];
        for (int j = 0; j < degree; j++) {
            companion[0][j] = -coefficients[degree - 1 - j];
        }
        for (int i = 1; i < degree; i++) {
            companion[i][i - 1] = 1;
        }
        EigenDecomposition eigen;
        try {
            eigen = new EigenDecomposition(new Array2DRowRealMatrix(companion, false));
        } catch (MathIllegalStateException | MathArithmeticException e) {
            // No convergence: treated as outside, as R treats a failed check.
            return false;
        }
        double[] real = eigen.getRealEigenvalues();
        double[] imaginary = eigen.getImagEigenvalues();
        for (int i = 0; i < degree; i++) {
            // Without damping the level contributes a unit root exactly at 1; R accepts it within 1e-10 of its
            // polyroot, the eigenvalues here are accurate to about 1e-8 for such clustered roots.
            if (Math.hypot(real[i], imaginary[i]) > 1 + UNIT_CIRCLE_TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
