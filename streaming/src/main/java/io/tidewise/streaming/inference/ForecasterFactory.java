package io.tidewise.streaming.inference;

import io.tidewise.model.forecast.Forecaster;
import io.tidewise.model.forecast.GptForecaster;
import java.io.Serializable;

/**
 * Makes the forecaster of one task. It travels to the task managers inside the job graph, so it holds only what
 * is needed to load a model (a path, options), never a loaded model.
 */
@FunctionalInterface
public interface ForecasterFactory extends Serializable {

    /**
     * How many forecasts of a series reuse its seasonal-cycles decision before it is backtested again
     * ({@code GptForecaster.Builder.optCycleDecisionsKept}). The job forecasts every series at every step, and
     * deciding costs two passes over three backtests where a forecast costs one: decided at every step, the live
     * bench's 400 cyclic series got 128 forecasts/s instead of 423. Each series keeps its decision for its own number
     * of forecasts between half of this and this, so that the series a job starts with do not all decide again at
     * the same step. Kept in memory only: after a restart each series is decided again, so a replayed step can get a
     * slightly different forecast than the first time.
     */
    int CYCLE_DECISIONS_KEPT = 64;

    /**
     * The job's forecaster settings: {@link #CYCLE_DECISIONS_KEPT}, and no flip averaging. Flipping reads most windows
     * twice (a cyclic series' seasonal differences included) for 0.6% lower in-domain MASE; the job forecasts every
     * series at every step, and on the live bench's 400 series flipping kept up but left too little room: past the
     * start, p99 4.35 s against 1.97 s, the start's backlog still being worked off a minute later (docs/benchmarks.md).
     * {@code tidewise forecast}, {@code train evaluate} and the web app's what-if and retraining flip.
     */
    static void streamingSettings(GptForecaster.Builder builder) {
        builder.optCycleDecisionsKept(CYCLE_DECISIONS_KEPT).optFlipAveraging(false);
    }

    /** Loads the default model's forecaster; called once per task, in the operator's {@code open}. */
    Forecaster create() throws Exception;

    /**
     * Loads the forecaster of the model a stream names; called once per task and model, when the first request
     * for it arrives. A factory of one model knows no other: this default refuses every name.
     *
     * @param model a registry name
     */
    default Forecaster create(String model) throws Exception {
        throw new IllegalArgumentException("model '" + model + "' is named by a stream, but the job loads only "
                + this + "; give the job a model registry to choose from");
    }
}
