package io.tidewise.streaming.inference;

import io.tidewise.model.forecast.Forecaster;
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
     * bench's 400 cyclic series got 128 forecasts/s instead of 423. Kept in memory only: after a restart each series
     * is decided again, so a replayed step can get a slightly different forecast than the first time.
     */
    int CYCLE_DECISIONS_KEPT = 64;

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
