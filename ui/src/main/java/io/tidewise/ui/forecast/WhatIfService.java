package io.tidewise.ui.forecast;

import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.baseline.Theta;
import io.tidewise.training.evaluate.ForecasterMethod;
import io.tidewise.training.evaluate.Metrics;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.metrics.AppMetrics;
import io.tidewise.ui.models.ModelEntry;
import io.tidewise.ui.models.RegistryListing;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What if we had forecast from an earlier time: re-forecasts a series from a cut-off with a registered model
 * ({@link GptForecaster} on the history stored in InfluxDB up to the cut-off) and, from the same context, with
 * seasonal naive, ETS and Theta, then scores each against the observations after the cut-off (MASE of the
 * median, 80% coverage), as {@code train evaluate} scores a backtest window.
 */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class WhatIfService {
    /** Baselines look at no more than this many values: ETS fits slow down with length and gain nothing. */
    static final int BASELINE_CONTEXT = 1000;
    private static final QuantileLevels LEVELS = QuantileLevels.DECILES;

    private final InfluxConnection influx;
    private final ModelRegistry registry;
    /** Loaded models by checkpoint directory; each is used by one what-if at a time. */
    private final Map<Path, Forecaster> forecasters = new HashMap<>();

    public WhatIfService(InfluxConnection influx, UiSettings settings) {
        this.influx = influx;
        this.registry = new ModelRegistry(settings.modelsDir());
    }

    /** Where the registry is, for messages. */
    public String registryRoot() {
        return registry.root().toAbsolutePath().normalize().toString();
    }

    /** {@code name@version} of every registered model this build can load, the promoted versions first. */
    public List<String> registeredModels() {
        List<ModelEntry> models = new ArrayList<>(RegistryListing.list(registry));
        models.removeIf(model -> !model.usable());
        models.sort((a, b) -> Boolean.compare(b.promoted(), a.promoted()));
        return models.stream().map(ModelEntry::modelId).toList();
    }

    /**
     * Re-forecasts {@code series} from {@code cutOff}: the context is every stored observation at or before it,
     * the actuals the next {@code horizon} observations after it.
     *
     * @throws IllegalArgumentException naming the value when the cut-off leaves too little before or after it
     */
    public WhatIfResult run(SeriesId series, String modelReference, Instant cutOff, int horizon) {
        try {
            WhatIfResult result = forecastWhatIf(series, modelReference, cutOff, horizon);
            AppMetrics.whatIfForecast(true);
            return result;
        } catch (RuntimeException e) {
            AppMetrics.whatIfForecast(false);
            throw e;
        }
    }

    private WhatIfResult forecastWhatIf(SeriesId series, String modelReference, Instant cutOff, int horizon) {
        if (horizon < 1 || horizon > 512) {
            throw new IllegalArgumentException("horizon must be between 1 and 512, was " + horizon);
        }
        List<Observation> history = influx.queries().history(series);
        List<Observation> context = history.stream().filter(o -> !o.timestamp().isAfter(cutOff)).toList();
        List<Observation> after = history.stream().filter(o -> o.timestamp().isAfter(cutOff)).limit(horizon)
                .toList();
        if (context.size() < 3) {
            throw new IllegalArgumentException("cut-off " + cutOff + " leaves " + context.size()
                    + " observation(s) of " + series + " before it; choose a later one (history starts "
                    + (history.isEmpty() ? "nowhere" : history.get(0).timestamp()) + ")");
        }
        if (after.isEmpty()) {
            throw new IllegalArgumentException("cut-off " + cutOff + " leaves nothing of " + series
                    + " after it to compare with; choose an earlier one (last observation "
                    + history.get(history.size() - 1).timestamp() + ")");
        }
        Frequency frequency = Frequency.infer(context.stream().map(Observation::timestamp).toList());
        double[] values = context.stream().mapToDouble(Observation::value).toArray();
        double[] actual = new double[horizon];
        java.util.Arrays.fill(actual, Double.NaN);
        for (int i = 0; i < after.size(); i++) {
            actual[i] = after.get(i).value();
        }
        Instant last = context.get(context.size() - 1).timestamp();
        List<Instant> times = new ArrayList<>(horizon);
        for (int step = 1; step <= horizon; step++) {
            times.add(frequency.add(last, step));
        }
        int period = frequency.seasonalPeriod();
        double scale = Metrics.maseScale(values, period);

        List<WhatIfResult.MethodOutcome> outcomes = new ArrayList<>();
        Forecaster forecaster = forecaster(modelReference);
        synchronized (forecaster) {
            MethodForecast model = new ForecasterMethod(forecaster).forecast(values, period, horizon, LEVELS);
            outcomes.add(outcome(forecaster.modelId(), times, model, actual, scale));
        }
        double[] baselineContext = tail(values, BASELINE_CONTEXT);
        for (ForecastMethod baseline : List.of(SeasonalNaive.normal(), Ets.auto(), new Theta())) {
            MethodForecast forecast = baseline.forecast(baselineContext, period, horizon, LEVELS);
            outcomes.add(outcome(baseline.name(), times, forecast, actual, scale));
        }
        List<Observation> contextTail = context.subList(Math.max(0, context.size() - 3 * horizon), context.size());
        return new WhatIfResult(series, cutOff, context.size(), contextTail, after, outcomes);
    }

    static WhatIfResult.MethodOutcome outcome(String name, List<Instant> times, MethodForecast forecast,
            double[] actual, double scale) {
        int horizon = forecast.horizon();
        double[] median = new double[horizon];
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        for (int step = 0; step < horizon; step++) {
            median[step] = forecast.quantileAt(step, 0.5);
            lower[step] = forecast.quantileAt(step, 0.1);
            upper[step] = forecast.quantileAt(step, 0.9);
        }
        double mase = scale > 0 ? Metrics.mase(actual, median, scale) : Double.NaN;
        return new WhatIfResult.MethodOutcome(name, times, median, lower, upper, mase,
                Metrics.coverage80(actual, forecast));
    }

    private static double[] tail(double[] values, int length) {
        return values.length <= length ? values
                : java.util.Arrays.copyOfRange(values, values.length - length, values.length);
    }

    private synchronized Forecaster forecaster(String reference) {
        Path directory;
        try {
            directory = registry.resolve(reference);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model registry at " + registry.root(), e);
        }
        return forecasters.computeIfAbsent(directory, dir -> {
            try {
                return GptForecaster.load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load model " + reference + " from " + dir, e);
            }
        });
    }

    @PreDestroy
    public synchronized void close() {
        forecasters.values().forEach(Forecaster::close);
        forecasters.clear();
    }
}
