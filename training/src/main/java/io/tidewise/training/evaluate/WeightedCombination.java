package io.tidewise.training.evaluate;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.ForecastTask;
import io.tidewise.training.baseline.MethodForecast;
import java.util.ArrayList;
import java.util.List;

/**
 * Two methods' forecasts averaged with a weight, level by level (each quantile the weighted mean of the two at that
 * level, which keeps them ordered) and the means alike.
 */
public final class WeightedCombination implements ForecastMethod {
    private final ForecastMethod first;
    private final ForecastMethod second;
    private final double secondWeight;
    private final String name;

    public WeightedCombination(ForecastMethod first, ForecastMethod second, double secondWeight, String name) {
        if (!(secondWeight >= 0 && secondWeight <= 1)) {
            throw new IllegalArgumentException("secondWeight must be in [0, 1], was " + secondWeight);
        }
        this.first = first;
        this.second = second;
        this.secondWeight = secondWeight;
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
        List<MethodForecast> a = first.forecastAll(tasks, horizon, levels);
        List<MethodForecast> b = second.forecastAll(tasks, horizon, levels);
        List<MethodForecast> combined = new ArrayList<>(tasks.size());
        double w = secondWeight;
        for (int i = 0; i < tasks.size(); i++) {
            double[] mean = new double[horizon];
            double[][] quantiles = new double[horizon][levels.size()];
            for (int step = 0; step < horizon; step++) {
                mean[step] = (1 - w) * a.get(i).mean(step) + w * b.get(i).mean(step);
                for (int q = 0; q < levels.size(); q++) {
                    quantiles[step][q] = (1 - w) * a.get(i).quantile(step, q) + w * b.get(i).quantile(step, q);
                }
            }
            combined.add(new MethodForecast(mean, quantiles, levels));
        }
        return combined;
    }
}
