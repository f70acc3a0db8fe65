package io.tidewise.training.evaluate;

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

/**
 * A model's {@link Forecaster} as a {@link ForecastMethod}, so that a backtest scores the GPT on the same windows
 * as the baselines. All windows go to the forecaster in one call, which batches them. The seasonal period is not
 * passed on: the model infers seasonality from the context. Only the forecaster interface is used here, never DJL.
 */
public final class ForecasterMethod implements ForecastMethod {
    private final Forecaster forecaster;
    private final String name;

    /** Named after the model, {@code name@version}. */
    public ForecasterMethod(Forecaster forecaster) {
        this(forecaster, forecaster == null ? null : forecaster.modelId());
    }

    /** Named {@code name}, e.g. to tell two variants of one model apart in an ablation. */
    public ForecasterMethod(Forecaster forecaster, String name) {
        if (forecaster == null) {
            throw new IllegalArgumentException("forecaster is required but was null");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        this.forecaster = forecaster;
        this.name = name;
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
            requests.add(ForecastRequest.ofValues(SeriesId.of("window/" + i), tasks.get(i).context()));
        }
        List<Forecast> forecasts = forecaster.forecast(requests, horizon, levels);
        if (forecasts.size() != requests.size()) {
            throw new IllegalStateException("forecaster " + name + " returned " + forecasts.size() + " forecasts for "
                    + requests.size() + " requests");
        }
        List<MethodForecast> converted = new ArrayList<>(forecasts.size());
        for (Forecast forecast : forecasts) {
            if (forecast.horizon() != horizon || !forecast.levels().equals(levels)) {
                throw new IllegalStateException("forecaster " + name + " returned horizon " + forecast.horizon()
                        + " at levels " + forecast.levels() + " for horizon " + horizon + " at levels " + levels);
            }
            double[] mean = new double[horizon];
            double[][] quantiles = new double[horizon][];
            for (int step = 0; step < horizon; step++) {
                ForecastStep forecastStep = forecast.steps().get(step);
                mean[step] = forecastStep.mean();
                quantiles[step] = forecastStep.quantiles();
            }
            converted.add(new MethodForecast(mean, quantiles, levels));
        }
        return converted;
    }
}
