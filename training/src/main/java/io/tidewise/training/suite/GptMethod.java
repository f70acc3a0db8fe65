package io.tidewise.training.suite;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.ForecastTask;
import io.tidewise.training.baseline.MethodForecast;
import java.util.ArrayList;
import java.util.List;

/** A GPT {@link Forecaster} as one more method of a backtest, forecasting each batch of windows in one call. */
public final class GptMethod implements ForecastMethod {
    private final String name;
    private final Forecaster forecaster;

    public GptMethod(String name, Forecaster forecaster) {
        this.name = name;
        this.forecaster = forecaster;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
        return forecastAll(List.of(new ForecastTask(context, seasonalPeriod)), horizon, levels).get(0);
    }

    @Override
    public List<MethodForecast> forecastAll(List<ForecastTask> tasks, int horizon, QuantileLevels levels) {
        List<ForecastRequest> requests = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            requests.add(ForecastRequest.ofValues(new SeriesId("window-" + i), tasks.get(i).context()));
        }
        List<MethodForecast> forecasts = new ArrayList<>(tasks.size());
        for (Forecast forecast : forecaster.forecast(requests, horizon, levels)) {
            double[] mean = new double[horizon];
            double[][] quantiles = new double[horizon][];
            for (ForecastStep step : forecast.steps()) {
                mean[step.step() - 1] = step.mean();
                quantiles[step.step() - 1] = step.quantiles();
            }
            forecasts.add(new MethodForecast(mean, quantiles, levels));
        }
        return forecasts;
    }
}
