package io.tidewise.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.tidewise.model.gpt.Gpt;

/**
 * What one training step minimises. The batch of a step is a pure function of the step number and the run's seed,
 * so a run resumed from a checkpoint sees exactly the batches an uninterrupted run would have seen.
 */
public interface TrainingObjective {

    /**
     * The scalar loss of the batch for {@code step}, computed with {@code gpt} in training mode.
     *
     * @param manager owns the batch's input arrays; closed after the step
     */
    NDArray loss(Gpt gpt, ParameterStore parameterStore, NDManager manager, int step);

    /** Tokens (or values) the batch of one step holds, for the tokens/s figure. */
    long tokensPerStep();

    /** A short name for logs and provenance, e.g. {@code text-bytes} or {@code series-patches}. */
    String describe();
}
