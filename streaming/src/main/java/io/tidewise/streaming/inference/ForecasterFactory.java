package io.tidewise.streaming.inference;

import io.tidewise.model.forecast.Forecaster;
import java.io.Serializable;

/**
 * Makes the forecaster of one task. It travels to the task managers inside the job graph, so it holds only what
 * is needed to load a model (a path, options), never a loaded model.
 */
@FunctionalInterface
public interface ForecasterFactory extends Serializable {

    /** Loads a forecaster; called once per task, in the operator's {@code open}. */
    Forecaster create() throws Exception;
}
