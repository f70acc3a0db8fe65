package io.tidewise.streaming.context;

/**
 * The in-sample mean absolute error of the seasonal-naive forecast ({@code y[t] = y[t - m]}) over a context: the
 * denominator of MASE, so a scaled error of 1 means "as good as repeating last season". Pairs with a missing value
 * are skipped; when the context is shorter than a season plus one, the naive forecast ({@code m = 1}) stands in.
 */
public final class SeasonalNaiveScale {
    private SeasonalNaiveScale() {}

    /** The scale, or {@link Double#NaN} when no pair of values exists or every pair is equal (no scale). */
    public static double of(double[] context, int seasonalPeriod) {
        if (seasonalPeriod <= 0) {
            throw new IllegalArgumentException("seasonal period must be positive, was " + seasonalPeriod);
        }
        int period = context.length > seasonalPeriod ? seasonalPeriod : 1;
        double sum = 0;
        int pairs = 0;
        for (int t = period; t < context.length; t++) {
            if (!Double.isNaN(context[t]) && !Double.isNaN(context[t - period])) {
                sum += Math.abs(context[t] - context[t - period]);
                pairs++;
            }
        }
        return pairs == 0 || sum == 0 ? Double.NaN : sum / pairs;
    }
}
