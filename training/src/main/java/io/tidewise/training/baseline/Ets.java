package io.tidewise.training.baseline;

import io.tidewise.core.QuantileLevels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential smoothing with automatic model selection, as R's {@code forecast::ets(y, additive.only = TRUE)}
 * (Hyndman and Khandakar, 2008, <i>Automatic time series forecasting: the forecast package for R</i>): every
 * candidate {@link EtsSpec} the series is long enough for is fitted by maximum likelihood ({@link EtsModel}) and
 * the one with the smallest information criterion (AICc by default, as R) forecasts, with normal quantiles from its
 * class 1 variances.
 *
 * <p>As R: seasonal candidates only for periods 2..24 (longer cycles need too many states) and with two full
 * cycles of data; a model with k free parameters needs more than k + 4 values. When no candidate fits (a context
 * of fewer than 7 values) it falls back to the naive forecast with random-walk intervals, and a constant context
 * gives a flat forecast with a degenerate fan. Missing values are interpolated linearly first.
 */
public final class Ets implements ForecastMethod {
    private static final Logger LOG = LoggerFactory.getLogger(Ets.class);

    /** The largest seasonal period a seasonal model is tried for (R refuses more than 24). */
    public static final int MAX_SEASONAL_PERIOD = 24;

    /** The criterion that ranks the candidates. */
    public enum Criterion { AICC, AIC }

    private final List<EtsSpec> candidates;
    private final Criterion criterion;

    private Ets(List<EtsSpec> candidates, Criterion criterion) {
        if (candidates == null || candidates.isEmpty()) {
            throw new IllegalArgumentException("candidates must hold at least one ETS model, was " + candidates);
        }
        if (criterion == null) {
            throw new IllegalArgumentException("criterion is required but was null");
        }
        this.candidates = List.copyOf(candidates);
        this.criterion = criterion;
    }

    /** All six additive models, selected by AICc. */
    public static Ets auto() {
        return new Ets(EtsSpec.ALL, Criterion.AICC);
    }

    /** All six additive models, selected by {@code criterion}. */
    public static Ets selectingBy(Criterion criterion) {
        return new Ets(EtsSpec.ALL, criterion);
    }

    /** One model only (it still falls back to naive when the context is too short for it). */
    public static Ets fixed(EtsSpec spec) {
        return new Ets(List.of(spec), Criterion.AICC);
    }

    /** Stateless: every call fits its own model. */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String name() {
        return candidates.size() == 1 ? "ets_" + candidates.get(0).name() : "ets";
    }

    @Override
    public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
        ForecastMethod.checkArguments(context, seasonalPeriod, horizon, levels);
        double[] y = MissingValues.interpolate(context);
        if (MissingValues.isConstant(y)) {
            return MethodForecast.normal(flat(y[y.length - 1], horizon), new double[horizon], levels);
        }
        EtsModel model = select(y, seasonalPeriod);
        if (model == null) {
            return naive(y, horizon, levels);
        }
        return MethodForecast.normal(model.forecastMean(horizon), model.forecastStandardError(horizon), levels);
    }

    /**
     * Fits every candidate the series allows and returns the best by the criterion, or null when none fits.
     *
     * @param y the series without missing values
     */
    public EtsModel select(double[] y, int seasonalPeriod) {
        EtsModel best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        List<EtsModel> fitted = new ArrayList<>();
        for (EtsSpec spec : candidatesFor(y.length, seasonalPeriod)) {
            EtsModel model = EtsModel.fit(y, spec, seasonalPeriod, mostLikelyNestedIn(spec, fitted));
            fitted.add(model);
            double score = criterion == Criterion.AICC ? model.aicc() : model.aic();
            LOG.trace("ETS({}) on {} values: {} = {}", spec, y.length, criterion, score);
            if (best == null || score < bestScore) {
                best = model;
                bestScore = score;
            }
        }
        return best;
    }

    /** The fitted model of highest likelihood whose components {@code spec} contains, or null. */
    private static EtsModel mostLikelyNestedIn(EtsSpec spec, List<EtsModel> fitted) {
        EtsModel best = null;
        for (EtsModel model : fitted) {
            if (spec.contains(model.spec()) && (best == null || model.sse() < best.sse())) {
                best = model;
            }
        }
        return best;
    }

    /** The candidates a series of {@code length} values with this period is long enough for. */
    public List<EtsSpec> candidatesFor(int length, int seasonalPeriod) {
        boolean seasonalAllowed = seasonalPeriod >= 2 && seasonalPeriod <= MAX_SEASONAL_PERIOD
                && length >= 2 * seasonalPeriod;
        List<EtsSpec> usable = new ArrayList<>();
        for (EtsSpec spec : candidates) {
            if (spec.seasonal() && !seasonalAllowed) {
                continue;
            }
            if (length <= spec.freeParameters(spec.seasonal() ? seasonalPeriod : 1) + 4) {
                continue;
            }
            usable.add(spec);
        }
        return usable;
    }

    /** The last value repeated, with the random walk's {@code sigma * sqrt(h)} spread (0 for a single value). */
    static MethodForecast naive(double[] y, int horizon, QuantileLevels levels) {
        double sumOfSquares = 0;
        for (int t = 1; t < y.length; t++) {
            sumOfSquares += (y[t] - y[t - 1]) * (y[t] - y[t - 1]);
        }
        double sigma = y.length > 1 ? Math.sqrt(sumOfSquares / (y.length - 1)) : 0;
        double[] standardError = new double[horizon];
        for (int step = 0; step < horizon; step++) {
            standardError[step] = sigma * Math.sqrt(step + 1);
        }
        return MethodForecast.normal(flat(y[y.length - 1], horizon), standardError, levels);
    }

    static double[] flat(double value, int horizon) {
        double[] values = new double[horizon];
        Arrays.fill(values, value);
        return values;
    }
}
