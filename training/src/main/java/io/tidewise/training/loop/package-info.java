/**
 * The single training loop (float32, per-step memory scope, resumable checkpoints) and what plugs into it: a
 * {@link io.tidewise.training.loop.TrainingObjective} per kind of data, the progress bar, the device choice.
 */
package io.tidewise.training.loop;
