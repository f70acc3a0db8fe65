package io.tidewise.cli.forecast;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.training.adapt.HistoryAdaptation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The ways this build turns a checkpoint directory into a {@link io.tidewise.model.forecast.Forecaster}. */
public final class ModelLoaders {
    private ModelLoaders() {}

    /**
     * Loads a patch checkpoint, fine-tunes a copy of it on windows of {@code histories} within {@code settings}
     * ({@link HistoryAdaptation}), guarded on held-out stretches {@code horizon} steps long, and forecasts with the
     * copy; the checkpoint on disk is never changed. The model as loaded decides which series go through their
     * seasonal differences and forecasts those differences (the copy has trained on the values those backtests hide,
     * and on values, not differences). One line on {@code err} says what the adaptation did.
     */
    public static ModelLoader adapting(List<double[]> histories, int horizon, HistoryAdaptation.Settings settings,
            boolean progress, PrintWriter err) {
        return (directory, options) -> {
            HistoryAdaptation.Outcome outcome;
            Checkpoint base = Checkpoint.load(directory);
            try (AdaptationProgress bar = progress && settings.budget() != null
                    ? new AdaptationProgress(settings.budget().toMillis() / 1000.0, System.err) : null) {
                outcome = HistoryAdaptation.adapt(base, histories, horizon, settings, report -> {
                    if (bar != null) {
                        bar.accept(report);
                    }
                });
            } catch (RuntimeException e) {
                base.close();
                throw e;
            }
            err.printf(Locale.ROOT, "adapted a copy of %s to %d series: %d steps in %.1f s, loss %.4f -> %.4f;"
                    + " held-out loss %.4f -> %.4f, %s%n", directory, histories.size(), outcome.steps(),
                    outcome.seconds(), outcome.firstLoss(), outcome.lastLoss(), outcome.heldOutLossBefore(),
                    outcome.heldOutLoss(), outcome.keptStep() == 0 ? "kept the model as it was"
                            : "kept step " + outcome.keptStep());
            err.flush();
            return owning(outcome.adapted(), options, base);
        };
    }

    /**
     * Loads a Tidewise checkpoint ({@code config.json} + parameters) as a {@link GptForecaster}. The model module
     * loads checkpoints on the CPU ({@link InferenceOptions#validate} refuses {@code --device gpu}).
     */
    public static ModelLoader checkpoints() {
        return (directory, options) -> owning(Checkpoint.load(directory), options, null);
    }

    /**
     * A forecaster that closes {@code checkpoint}, and {@code cyclesFrom} (the model the seasonal cycles are decided
     * and drawn with, when not {@code checkpoint}'s) when there is one, when it is closed (or at once, if it cannot be
     * built).
     */
    private static GptForecaster owning(Checkpoint checkpoint, InferenceOptions options, Checkpoint cyclesFrom) {
        try {
            return options.applyRules(GptForecaster.builder())
                    .setCheckpoint(checkpoint)
                    .optClosesCheckpoint(true)
                    .optBatchSize(options.batchSize())
                    .optSeed(options.seed())
                    .optSampleCount(options.samples())
                    .optCyclesFrom(cyclesFrom, true)
                    .build();
        } catch (RuntimeException e) {
            checkpoint.close();
            if (cyclesFrom != null) {
                cyclesFrom.close();
            }
            throw e;
        }
    }
}
