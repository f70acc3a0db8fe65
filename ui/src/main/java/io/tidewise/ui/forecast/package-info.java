/** One series' forecast: the chart, anomalies, CSV download and what-if re-forecasts against the baselines. */
package io.tidewise.ui.forecast;
