package io.tidewise.training.baseline;

import io.tidewise.core.QuantileLevels;

/**
 * The standard Theta method (Assimakopoulos and Nikolopoulos, 2000), in the form Hyndman and Billah (2003) showed
 * it to be: simple exponential smoothing with a drift of half the slope of the series' linear trend, as R's
 * {@code forecast::thetaf}:
 *
 * <ol>
 *   <li>Seasonality test at 90%: with r_k the autocorrelations, the series is seasonal when
 *       {@code |r_m| / sqrt((1 + 2 * sum_{k<m} r_k^2) / n) > z(0.95)} (only for m &gt; 1 and n &gt; 2m);
 *       a seasonal series is divided by its classical multiplicative seasonal figure.
 *   <li>SES ({@link EtsModel} ANN, by maximum likelihood, which for ANN is least squares) on the adjusted series;
 *       b is the least-squares slope of the adjusted series on time.
 *   <li>Forecast {@code l_n + (b/2) * (h - 1 + (1 - (1-alpha)^n) / alpha)}, re-seasonalised;
 *       standard error {@code sigma * sqrt(1 + (h-1) * alpha^2)} with sigma from the SES fit.
 * </ol>
 *
 * <p>Deviation from R: the multiplicative decomposition is also skipped when the series is not strictly positive
 * (R would divide by a meaningless figure). Contexts shorter than 7 values fall back to naive; constant ones give a
 * flat forecast with a degenerate fan. Missing values are interpolated linearly first.
 */
public final class Theta implements ForecastMethod {
    private static final double SEASONALITY_CRITICAL_VALUE = NormalQuantile.of(0.95);

    /** Stateless: every call fits its own model. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String name() {
        return "theta";
    }

    @Override
    public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
        ForecastMethod.checkArguments(context, seasonalPeriod, horizon, levels);
        double[] y = MissingValues.interpolate(context);
        int n = y.length;
        if (MissingValues.isConstant(y)) {
            return MethodForecast.normal(Ets.flat(y[n - 1], horizon), new double[horizon], levels);
        }
        if (n <= EtsSpec.ANN.freeParameters(1) + 4) {
            return Ets.naive(y, horizon, levels);
        }
        double[] figure = isSeasonal(y, seasonalPeriod) ? multiplicativeFigure(y, seasonalPeriod) : null;
        double[] adjusted = y.clone();
        if (figure != null) {
            for (int t = 0; t < n; t++) {
                adjusted[t] = y[t] / figure[t % seasonalPeriod];
            }
        }
        EtsModel ses = EtsModel.fit(adjusted, EtsSpec.ANN, 1);
        double alpha = Math.max(1e-10, ses.parameters().alpha());
        double halfSlope = slope(adjusted) / 2;
        double level = ses.forecastMean(1)[0];
        double drift = (1 - Math.pow(1 - alpha, n)) / alpha;
        double sigma = Math.sqrt(ses.sigma2());
        double[] mean = new double[horizon];
        double[] standardError = new double[horizon];
        for (int step = 0; step < horizon; step++) {
            mean[step] = level + halfSlope * (step + drift);
            if (figure != null) {
                mean[step] *= figure[(n + step) % seasonalPeriod];
            }
            standardError[step] = sigma * Math.sqrt(1 + step * alpha * alpha);
        }
        return MethodForecast.normal(mean, standardError, levels);
    }

    /** R's 90% test on the autocorrelation at the seasonal lag. */
    static boolean isSeasonal(double[] y, int period) {
        int n = y.length;
        if (period <= 1 || n <= 2 * period) {
            return false;
        }
        for (double value : y) {
            if (value <= 0) {
                return false;
            }
        }
        double[] r = autocorrelations(y, period);
        double sumOfSquares = 0;
        for (int k = 1; k < period; k++) {
            sumOfSquares += r[k] * r[k];
        }
        double standardError = Math.sqrt((1 + 2 * sumOfSquares) / n);
        return Math.abs(r[period]) / standardError > SEASONALITY_CRITICAL_VALUE;
    }

    /** The multiplicative figure, or null when a seasonal index is near zero (R then drops seasonality too). */
    private static double[] multiplicativeFigure(double[] y, int period) {
        double[] figure = ClassicalDecomposition.seasonalFigure(y, period, true);
        for (double index : figure) {
            if (Math.abs(index) < 1e-4) {
                return null;
            }
        }
        return figure;
    }

    /** Sample autocorrelations r_0..r_maxLag as R's {@code acf}: lagged products over the full-series variance. */
    static double[] autocorrelations(double[] y, int maxLag) {
        int n = y.length;
        double mean = 0;
        for (double value : y) {
            mean += value / n;
        }
        double variance = 0;
        for (double value : y) {
            variance += (value - mean) * (value - mean);
        }
        double[] r = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double sum = 0;
            for (int t = 0; t + k < n; t++) {
                sum += (y[t] - mean) * (y[t + k] - mean);
            }
            r[k] = sum / variance;
        }
        return r;
    }

    /** The least-squares slope of y on 0..n-1. */
    static double slope(double[] y) {
        int n = y.length;
        double meanT = (n - 1) / 2.0;
        double meanY = 0;
        for (double value : y) {
            meanY += value / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int t = 0; t < n; t++) {
            covariance += (t - meanT) * (y[t] - meanY);
            variance += (t - meanT) * (t - meanT);
        }
        return covariance / variance;
    }
}
