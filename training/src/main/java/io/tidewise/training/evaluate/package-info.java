/**
 * Scoring forecasts honestly: point and probabilistic metrics ({@link io.tidewise.training.evaluate.Metrics}:
 * MASE, sMAPE, Chronos' weighted quantile loss, interval coverage), the rolling-origin windows of a series ({@link
 * io.tidewise.training.evaluate.RollingOrigin}), and a {@link io.tidewise.training.evaluate.Backtest} that runs any
 * {@link io.tidewise.training.baseline.ForecastMethod} over those windows and aggregates per series and per method,
 * relative to seasonal naive ({@link io.tidewise.training.evaluate.BacktestReport}: a table and JSON for a model
 * card's {@code metrics.json}). Nothing here depends on DJL: a GPT adapter implements the method interface
 * elsewhere.
 */
package io.tidewise.training.evaluate;
