/**
 * Classical forecasting baselines that every evaluation reports beside the GPT: {@link
 * io.tidewise.training.baseline.SeasonalNaive}, {@link io.tidewise.training.baseline.Ets} (additive and damped
 * Holt-Winters with selection by AICc) and {@link io.tidewise.training.baseline.Theta}. All implement {@link
 * io.tidewise.training.baseline.ForecastMethod}: a context (oldest first, {@code NaN} = missing) and a seasonal
 * period in, a mean and quantiles per step out.
 *
 * <p>Each method follows R's {@code forecast} package (Hyndman and Khandakar, 2008) closely enough that its
 * results can be checked against R on shipped series; the deviations are named in each class. Missing values are
 * filled by linear interpolation before fitting (see {@link io.tidewise.training.baseline.MissingValues}).
 */
package io.tidewise.training.baseline;
