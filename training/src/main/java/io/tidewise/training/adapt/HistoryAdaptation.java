package io.tidewise.training.adapt;

import ai.djl.engine.Engine;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import io.tidewise.training.loop.TrainingLoop;
import io.tidewise.training.optim.LearningRateSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fine-tunes a copy of a patch model on windows cut only from the histories it is about to forecast, for a bounded
 * time or number of steps, then hands the copy back; the model it started from is never changed. This is the
 * cheapest accuracy per CPU-second there is (Chronos: a short fine-tune of a small model on one dataset beats larger
 * zero-shot models). Used by {@code forecast --adapt-seconds}, the web app's retraining and a streaming refresh.
 *
 * <p>Deterministic for a seed and a number of steps: every batch is a pure function of the seed and the step. A time
 * budget ends the run at the first step past it, so two runs under different loads may stop at different steps;
 * {@link Settings#maxSteps()} alone makes a run repeatable anywhere.
 */
public final class HistoryAdaptation {

    /**
     * @param budget       wall-clock time for the fine-tune; null for none (then {@code maxSteps} ends it)
     * @param maxSteps     the most optimizer steps
     * @param batch        windows per step
     * @param learningRate constant: a run cut by time has no schedule to follow to its end
     * @param seed         windows and dropout
     */
    public record Settings(Duration budget, int maxSteps, int batch, float learningRate, long seed) {
        /** Defaults chosen from the adaptation gains measured in the model card. */
        public static final int DEFAULT_BATCH = 32;
        public static final float DEFAULT_LEARNING_RATE = 2e-4f;

        public Settings {
            if (budget != null && budget.isNegative()) {
                throw new IllegalArgumentException("budget must not be negative, was " + budget);
            }
            if (maxSteps <= 0 || batch <= 0) {
                throw new IllegalArgumentException("maxSteps and batch must be positive, were " + maxSteps + " and "
                        + batch);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
            }
        }

        /** At most {@code seconds} of fine-tuning with the default batch and learning rate. */
        public static Settings forSeconds(double seconds, long seed) {
            return new Settings(Duration.ofMillis(Math.round(seconds * 1000)), 1_000_000, DEFAULT_BATCH,
                    DEFAULT_LEARNING_RATE, seed);
        }
    }

    /** The adapted copy (the caller closes it), steps run, seconds spent and the first and last batch losses. */
    public record Outcome(Checkpoint adapted, int steps, double seconds, float firstLoss, float lastLoss) {}

    private HistoryAdaptation() {}

    /**
     * @param model     a patch model; left as it is
     * @param histories the series to be forecast, oldest first, NaN where missing; series with fewer than
     *                  {@link SeriesCorpus#MIN_OBSERVED} observed values are not trained on
     * @param listener  every step's report (progress display), or a no-op
     */
    public static Outcome adapt(Checkpoint model, List<double[]> histories, Settings settings,
            Consumer<TrainingLoop.StepReport> listener) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(settings, "settings");
        CheckpointConfig config = model.config();
        if (!config.isSeriesModel() || config.tokenizer().kind() != TokenizerKind.PATCH) {
            throw new IllegalArgumentException("adapting to the histories needs a patch series model, "
                    + config.modelId() + " is " + (config.isSeriesModel() ? "a bin model" : "a text model"));
        }
        List<TrainingSeries> series = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            series.add(new TrainingSeries("input/" + i, histories.get(i)));
        }
        long start = System.nanoTime();
        Map<String, Object> provenance = new LinkedHashMap<>(config.provenance());
        provenance.put("adaptedToHistories", histories.size());
        provenance.put("adaptationSeed", settings.seed());
        CheckpointConfig adaptedConfig = new CheckpointConfig(config.formatVersion(), config.name(),
                config.version() + "-adapted", config.kind(), config.architecture(), config.tokenizer(),
                config.series(), provenance);
        Checkpoint adapted = Checkpoint.create(adaptedConfig, (int) settings.seed(),
                model.model().getNDManager().getDevice());
        try {
            adapted.gpt().copyParametersFrom(model.gpt());
            SeriesCorpus corpus;
            try {
                corpus = new SeriesCorpus(series);
            } catch (IllegalArgumentException tooShort) {
                return new Outcome(adapted, 0, 0, Float.NaN, Float.NaN); // nothing to learn from: the model as it is
            }
            int patchLength = config.tokenizer().patchLength();
            int patches = (config.series().contextLength() + patchLength - 1) / patchLength;
            PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY,
                    config.series().contextLength(), config.series().reach(), 0.25);
            PatchObjective objective = new PatchObjective(windows, new PatchTokenizer(config.tokenizer()),
                    settings.batch(), patches, config.series().quantileLevels(), settings.seed());
            TrainingLoop.Builder loop = TrainingLoop.builder()
                    .setCheckpoint(adapted)
                    .setObjective(objective)
                    .setSchedule(new LearningRateSchedule(settings.learningRate(), settings.learningRate(), 0,
                            settings.maxSteps()))
                    .optSeed(settings.seed())
                    .optWeightDecay(0f)
                    .optListener(listener);
            if (settings.budget() != null) {
                loop.optTimeLimit(settings.budget());
            }
            Engine.getInstance().setRandomSeed((int) settings.seed());
            TrainingLoop.Result result = loop.build().run();
            List<Float> losses = result.losses();
            return new Outcome(adapted, losses.size(), (System.nanoTime() - start) / 1e9,
                    losses.isEmpty() ? Float.NaN : losses.get(0),
                    losses.isEmpty() ? Float.NaN : losses.get(losses.size() - 1));
        } catch (IOException e) {
            adapted.close();
            throw new UncheckedIOException("adaptation failed", e);
        } catch (RuntimeException e) {
            adapted.close();
            throw e;
        }
    }
}
