package io.tidewise.training.evaluate;

/**
 * One method's scores aggregated over series: arithmetic means of the per-series scores (non-finite ones left
 * out), the geometric means of the per-series ratios to the baseline (only finite, positive ratios;
 * {@code relativeSeries} says how many), and the wall-clock seconds the method spent forecasting.
 */
public record MethodSummary(String method, int series, int windows, double meanMase, double meanSmape,
        double meanWql, double meanCoverage80, double geometricMeanRelativeMase, double geometricMeanRelativeWql,
        int relativeSeries, double seconds) {}
