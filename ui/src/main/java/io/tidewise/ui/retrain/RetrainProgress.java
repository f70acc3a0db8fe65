package io.tidewise.ui.retrain;

import java.util.List;

/**
 * Where the background retraining stands: a snapshot, replaced whole as the run goes on, so a page reads it
 * without locks and a closed browser loses nothing.
 *
 * @param losses         training loss per step so far
 * @param stepsPerSecond steps per second so far; NaN before the first step
 * @param etaSeconds     seconds left of the time budget; NaN when not training
 * @param evaluation     once done: each model's scores on the held-out windows, the new version first
 * @param newModel       once done: {@code name@version} of the registered version
 * @param message        what failed, or a short note
 */
public record RetrainProgress(State state, RetrainRequest request, int step, List<Float> losses,
        double stepsPerSecond, double etaSeconds, List<Score> evaluation, String newModel, String message) {

    /** The stages of one run. */
    public enum State { IDLE, LOADING, TRAINING, EVALUATING, DONE, FAILED }

    /** MASE (of the median) and 80% coverage on the held-out last steps of every chosen series. */
    public record Score(String model, double mase, double coverage80, int windows) {}

    public RetrainProgress {
        losses = List.copyOf(losses);
        evaluation = List.copyOf(evaluation);
    }

    public static RetrainProgress idle() {
        return new RetrainProgress(State.IDLE, null, 0, List.of(), Double.NaN, Double.NaN, List.of(), null, null);
    }

    public boolean running() {
        return state == State.LOADING || state == State.TRAINING || state == State.EVALUATING;
    }
}
