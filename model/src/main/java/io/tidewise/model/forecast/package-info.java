/**
 * Contexts in, quantile forecasts out: the {@link io.tidewise.model.forecast.Forecaster} contract and its GPT
 * implementation {@link io.tidewise.model.forecast.GptForecaster}, batched across series, with horizons beyond the
 * model's reach rolled out. {@link io.tidewise.model.forecast.ModelInputs} builds the batch arrays that forecasting
 * and training share, and {@link io.tidewise.model.forecast.QuantileInterpolation} and
 * {@link io.tidewise.model.forecast.SampleQuantiles} turn head outputs and sample paths into the requested levels.
 */
package io.tidewise.model.forecast;
