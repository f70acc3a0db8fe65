package io.tidewise.model.forecast;

/**
 * Which windows flip averaging reads upside down as well: the answer for such a window is the mean of f(x) and
 * -f(-x) (TimesFM 2.5, Reverso), which removes a bias the model has one way but not the other. It helps on prices,
 * macro and tourism series and hurts where the mirror image is unlike anything the model has seen, so two kinds of
 * window are left alone:
 *
 * <ul>
 *   <li>windows that never go below zero and touch it (counts, a load that stops): mirrored, they are a ceiling
 *       series; on the development suite's weekly surveillance counts flipping them took MASE from 0.630 to 0.891;
 *   <li>windows with a regular cycle ({@link SeasonalCycles#period}): the shape of a day of electricity load or traffic
 *       (sharp peaks, flat nights) is not symmetric; flipped, PJM load went from 0.636 to 0.723 and GEFCom load from
 *       0.771 to 0.889.
 * </ul>
 *
 * The model card has the figures of every variant, chosen on the in-domain datasets.
 */
final class FlipAveraging {
    private FlipAveraging() {}

    /** Whether {@code window} (the values the model reads, oldest first, NaN for missing) is read upside down too. */
    static boolean flips(double[] window, int reach, int patchLength) {
        return !touchesZeroFloor(window) && SeasonalCycles.period(window, 1, reach,
                SeasonalCycles.MIN_DIFFERENCE_PATCHES * patchLength) == 0;
    }

    /** Never below zero, and zero somewhere. */
    static boolean touchesZeroFloor(double[] window) {
        boolean zero = false;
        for (double value : window) {
            if (value < 0) {
                return false;
            }
            zero |= value == 0;
        }
        return zero;
    }
}
