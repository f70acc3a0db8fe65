package io.tidewise.ui.retrain;

import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.store.InfluxQueries;
import io.tidewise.training.adapt.HistoryAdaptation;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.ForecastTask;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.evaluate.ForecasterMethod;
import io.tidewise.training.evaluate.Metrics;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.metrics.AppMetrics;
import io.tidewise.ui.models.ModelEntry;
import io.tidewise.ui.models.RegistryListing;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Retraining from the web app: adapts a registered patch model to chosen series and a date range read from InfluxDB
 * ({@link HistoryAdaptation}, the same library call as {@code forecast --adapt-seconds}) in one background thread
 * that outlives the page, then scores the new version beside the promoted one and seasonal naive on the same
 * held-out windows (the last {@link RetrainRequest#horizon} steps of every series, never trained on; adaptation's
 * guard scores at that horizon too) and registers it as the next
 * version of the base model's name. The version directory is written beside the registry and moved into place in one
 * step, with its metrics.json and model card, so the registry never shows it half-written. One run at a time: DJL
 * allows one gradient collector per JVM. The run's state is also kept in a {@link RetrainingJournal} beside the
 * registry: when the app stops during a run (shut down: the run is stopped at its next step; killed: found at the next
 * start), the next start reports it as failed, with the step it reached, and removes what it left half-written.
 */
@Service
@RolesAllowed({Roles.MODELER, Roles.ADMIN})
public class RetrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(RetrainingService.class);
    private static final QuantileLevels LEVELS = QuantileLevels.DECILES;
    private static final long SEED = 42;
    private static final Duration JOURNAL_INTERVAL = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final InfluxConnection influx;
    private final ModelRegistry registry;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tidewise-retraining");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY); // the job's forecasts come first
        return thread;
    });
    private final AtomicReference<RetrainProgress> progress = new AtomicReference<>(RetrainProgress.idle());
    private final RetrainingJournal journal;
    private volatile boolean closing;
    private long journalWrittenAt;

    public RetrainingService(InfluxConnection influx, UiSettings settings) {
        this.influx = influx;
        this.registry = new ModelRegistry(settings.modelsDir());
        this.journal = new RetrainingJournal(settings.modelsDir());
        journal.recover().ifPresent(progress::set);
    }

    /** Registered patch models this build can load, {@code name@version}, promoted ones first. */
    public List<String> baseModels() {
        List<ModelEntry> models = new ArrayList<>(RegistryListing.list(registry));
        models.removeIf(model -> !model.usable() || !model.config().isSeriesModel()
                || model.config().tokenizer().kind() != io.tidewise.model.tokenize.TokenizerKind.PATCH);
        models.sort((a, b) -> Boolean.compare(b.promoted(), a.promoted()));
        return models.stream().map(ModelEntry::modelId).toList();
    }

    /** The series in InfluxDB, to choose from. */
    public List<SeriesId> series() {
        return influx.queries().series().stream().map(summary -> summary.series()).toList();
    }

    public RetrainProgress progress() {
        return progress.get();
    }

    /**
     * Starts a retraining in the background and returns at once.
     *
     * @throws IllegalStateException when one is running
     */
    public synchronized RetrainProgress start(RetrainRequest request) {
        if (progress.get().running()) {
            throw new IllegalStateException("a retraining of " + progress.get().request().baseModel()
                    + " is running; wait for it to end");
        }
        RetrainProgress loading = new RetrainProgress(RetrainProgress.State.LOADING, request, 0, List.of(),
                Double.NaN, Double.NaN, List.of(), null, null);
        publish(loading);
        worker.submit(() -> run(request));
        AppMetrics.retraining("started");
        return loading;
    }

    private void run(RetrainRequest request) {
        try {
            retrain(request);
            AppMetrics.retraining("succeeded");
        } catch (RuntimeException | IOException e) {
            AppMetrics.retraining("failed");
            RetrainProgress last = progress.get();
            String message = closing ? "stopped at step " + last.step() + ": the app shut down during the run; no"
                    + " version was registered; start it again" : e.getMessage();
            LOG.warn("Retraining of {} failed: {}", request.baseModel(), message, e);
            publish(new RetrainProgress(RetrainProgress.State.FAILED, request, last.step(), last.losses(),
                    last.stepsPerSecond(), Double.NaN, List.of(), null, message));
        }
    }

    private void retrain(RetrainRequest request) throws IOException {
        Path baseDirectory = registry.resolve(request.baseModel());
        try (Checkpoint base = Checkpoint.load(baseDirectory)) {
            int heldOut = request.horizon();
            List<Window> windows = windows(request, heldOut);
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("none of the " + request.series().size() + " series has more than "
                        + 2 * heldOut + " observations from " + request.from() + " to " + request.to()
                        + " (the last " + heldOut + " are held out to evaluate on)");
            }
            long start = System.nanoTime();
            List<Float> losses = new ArrayList<>();
            HistoryAdaptation.Settings settings = new HistoryAdaptation.Settings(Duration.ofSeconds(request.seconds()),
                    request.maxSteps(), HistoryAdaptation.Settings.DEFAULT_BATCH,
                    HistoryAdaptation.Settings.DEFAULT_LEARNING_RATE, SEED);
            HistoryAdaptation.Outcome outcome = HistoryAdaptation.adapt(base,
                    windows.stream().map(Window::context).toList(), heldOut, settings, report -> {
                        if (closing) {
                            throw new java.util.concurrent.CancellationException("the app is shutting down");
                        }
                        losses.add(report.loss());
                        double elapsed = (System.nanoTime() - start) / 1e9;
                        publish(new RetrainProgress(RetrainProgress.State.TRAINING, request, report.step() + 1,
                                losses, losses.size() / Math.max(elapsed, 1e-9),
                                Math.max(0, request.seconds() - elapsed), List.of(), null, null));
                    });
            try (Checkpoint adapted = outcome.adapted()) {
                publish(new RetrainProgress(RetrainProgress.State.EVALUATING, request, outcome.steps(), losses,
                        outcome.steps() / Math.max(outcome.seconds(), 1e-9), 0, List.of(), null, null));
                String name = base.config().name();
                String version = registry.nextVersion(name);
                List<RetrainProgress.Score> scores = new ArrayList<>();
                try (GptForecaster adaptedForecaster = GptForecaster.builder().setCheckpoint(adapted)
                        .optCyclesFrom(base, false).build()) {
                    scores.add(score(name + "@" + version, new ForecasterMethod(adaptedForecaster), windows, heldOut));
                }
                Path promoted = registry.resolve(name);
                try (GptForecaster promotedForecaster = GptForecaster.load(promoted)) {
                    scores.add(score(promotedForecaster.modelId() + " (promoted)",
                            new ForecasterMethod(promotedForecaster), windows, heldOut));
                }
                scores.add(score("seasonal_naive", SeasonalNaive.normal(), windows, heldOut));
                register(adapted, name, version, request, outcome, scores, heldOut, windows.size());
                publish(new RetrainProgress(RetrainProgress.State.DONE, request, outcome.steps(), losses,
                        outcome.steps() / Math.max(outcome.seconds(), 1e-9), 0, scores, name + "@" + version,
                        null));
            }
        }
    }

    /** One series: its history up to the held-out tail (the context) and the tail (the actuals). */
    record Window(SeriesId series, double[] context, double[] actual, int seasonalPeriod) {}

    private List<Window> windows(RetrainRequest request, int heldOut) {
        InfluxQueries queries = influx.queries();
        List<Window> windows = new ArrayList<>();
        for (SeriesId series : request.series()) {
            List<Observation> history = queries.history(series, request.from(), request.to());
            if (history.size() <= 2 * heldOut) {
                continue;
            }
            double[] values = history.stream().mapToDouble(Observation::value).toArray();
            int cut = values.length - heldOut;
            int period = Frequency.infer(history.stream().map(Observation::timestamp).toList()).seasonalPeriod();
            windows.add(new Window(series, java.util.Arrays.copyOf(values, cut),
                    java.util.Arrays.copyOfRange(values, cut, values.length), period));
        }
        return windows;
    }

    static RetrainProgress.Score score(String name, ForecastMethod method, List<Window> windows, int horizon) {
        List<ForecastTask> tasks = windows.stream().map(w -> new ForecastTask(w.context(), w.seasonalPeriod()))
                .toList();
        List<MethodForecast> forecasts = method.forecastAll(tasks, horizon, LEVELS);
        double maseSum = 0;
        int maseCount = 0;
        double coverageSum = 0;
        int coverageCount = 0;
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            MethodForecast forecast = forecasts.get(i);
            double[] median = new double[horizon];
            for (int step = 0; step < horizon; step++) {
                median[step] = forecast.quantileAt(step, 0.5);
            }
            double scale = Metrics.maseScale(window.context(), window.seasonalPeriod());
            double mase = scale > 0 ? Metrics.mase(window.actual(), median, scale) : Double.NaN;
            if (Double.isFinite(mase)) {
                maseSum += mase;
                maseCount++;
            }
            double coverage = Metrics.coverage80(window.actual(), forecast);
            if (!Double.isNaN(coverage)) {
                coverageSum += coverage;
                coverageCount++;
            }
        }
        return new RetrainProgress.Score(name, maseCount == 0 ? Double.NaN : maseSum / maseCount,
                coverageCount == 0 ? Double.NaN : coverageSum / coverageCount, windows.size());
    }

    /** Registers the version with its metrics and card ({@link ModelRegistry#register}: all of it or nothing). */
    private void register(Checkpoint adapted, String name, String version, RetrainRequest request,
            HistoryAdaptation.Outcome outcome, List<RetrainProgress.Score> scores, int heldOut, int series)
            throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("retrainedFrom", request.baseModel());
        metrics.put("series", series);
        metrics.put("from", request.from().toString());
        metrics.put("to", request.to().toString());
        metrics.put("steps", outcome.steps());
        metrics.put("seconds", outcome.seconds());
        metrics.put("heldOutSteps", heldOut);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        for (RetrainProgress.Score score : scores) {
            evaluation.put(score.model(), Map.of("mase", finiteOrNull(score.mase()),
                    "coverage80", finiteOrNull(score.coverage80())));
        }
        metrics.put("evaluation", evaluation);
        StringBuilder card = new StringBuilder("# " + name + "@" + version + "\n\nRetrained in the web app from "
                + request.baseModel() + " on " + series + " series (" + request.from() + " to " + request.to()
                + "), " + outcome.steps() + " steps in " + Math.round(outcome.seconds()) + " s.\n\n"
                + "Evaluation on the last " + heldOut + " steps of every series, held out from training:\n\n"
                + "| model | MASE | 80% coverage |\n|---|---|---|\n");
        for (RetrainProgress.Score score : scores) {
            card.append("| ").append(score.model()).append(" | ").append(format(score.mase())).append(" | ")
                    .append(format(score.coverage80())).append(" |\n");
        }
        CheckpointConfig config = adapted.config().withNameAndVersion(name, version);
        try (Checkpoint renamed = Checkpoint.create(config, (int) SEED)) {
            renamed.gpt().copyParametersFrom(adapted.gpt());
            registry.register(renamed, directory -> {
                Checkpoint.writeMetrics(directory, metrics);
                Checkpoint.writeModelCard(directory, card.toString());
                if (closing) {
                    throw new java.util.concurrent.CancellationException("the app is shutting down");
                }
            });
        }
    }

    private static Object finiteOrNull(double value) {
        return Double.isFinite(value) ? value : "undefined";
    }

    private static String format(double value) {
        return Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.3f", value) : "-";
    }

    /**
     * Shows {@code next} and keeps it in the journal: every change of state, and the training steps at most every
     * few seconds (the journal is for the report after a stop, not a log).
     */
    private synchronized void publish(RetrainProgress next) {
        RetrainProgress previous = progress.getAndSet(next);
        long now = System.nanoTime();
        if (previous.state() != next.state() || now - journalWrittenAt > JOURNAL_INTERVAL.toNanos()) {
            journal.record(next);
            journalWrittenAt = now;
        }
    }

    /**
     * Stops a running retraining at its next step (it ends as failed, saying why, and registers nothing) and waits
     * up to {@code STOP_WAIT} for it, so that the journal says what happened before the app exits.
     */
    @PreDestroy
    public void close() {
        closing = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("The retraining did not stop within {}; the next start reports it as interrupted",
                        STOP_WAIT);
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
