package io.tidewise.training.evaluate;

/**
 * One method's scores on one series, pooled over its windows: MASE and sMAPE averaged over windows, WQL and
 * coverage pooled over all forecast steps; relative scores divide by the baseline's on the same series.
 * {@code NaN} (null in JSON) where a score is undefined.
 */
public record SeriesScore(String series, String method, int windows, double mase, double smape, double wql,
        double coverage80, double relativeMase, double relativeWql) {}
