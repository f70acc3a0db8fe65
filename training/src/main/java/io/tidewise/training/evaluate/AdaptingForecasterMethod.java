package io.tidewise.training.evaluate;

import io.tidewise.core.QuantileLevels;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.training.adapt.HistoryAdaptation;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.ForecastTask;
import io.tidewise.training.baseline.MethodForecast;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code forecast --adapt-seconds N} as a backtest method: each call fine-tunes a fresh copy of the model on the
 * contexts it is asked to forecast (the histories a user would hand over, nothing after them) and forecasts them
 * with the copy. A backtest that passes all windows of a dataset in one call would let the copy see later windows'
 * contexts, which hold earlier windows' targets; evaluate it with one window per series.
 */
public final class AdaptingForecasterMethod implements ForecastMethod {
    private final Checkpoint model;
    private final HistoryAdaptation.Settings settings;
    private final String name;
    private final Consumer<String> log;

    public AdaptingForecasterMethod(Checkpoint model, HistoryAdaptation.Settings settings, String name,
            Consumer<String> log) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was '" + name + "'");
        }
        this.model = model;
        this.settings = settings;
        this.name = name;
        this.log = log;
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
        List<double[]> histories = tasks.stream().map(ForecastTask::context).toList();
        HistoryAdaptation.Outcome outcome = HistoryAdaptation.adapt(model, histories, horizon, settings,
                report -> { });
        log.accept(String.format(Locale.ROOT, "%s: adapted to %d contexts in %d steps, %.1f s, loss %.4f -> %.4f,"
                + " held-out %.4f -> %.4f, kept step %d", name, histories.size(), outcome.steps(), outcome.seconds(),
                outcome.firstLoss(), outcome.lastLoss(), outcome.heldOutLossBefore(), outcome.heldOutLoss(),
                outcome.keptStep()));
        try (GptForecaster forecaster = GptForecaster.builder().setCheckpoint(outcome.adapted())
                .optClosesCheckpoint(true).optCyclesFrom(model, false).build()) {
            return new ForecasterMethod(forecaster, name).forecastAll(tasks, horizon, levels);
        }
    }
}
