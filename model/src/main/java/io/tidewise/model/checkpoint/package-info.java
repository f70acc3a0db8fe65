/**
 * Models on disk: a {@link io.tidewise.model.checkpoint.Checkpoint} is a directory ({@code config.json}, DJL
 * parameters, {@code metrics.json}, {@code MODEL_CARD.md}); the {@link io.tidewise.model.checkpoint.ModelRegistry}
 * keeps checkpoints as {@code models/<name>/<version>/} with one promoted version per name. A config of an unknown
 * format version is refused with a message that says so, never half-read.
 */
package io.tidewise.model.checkpoint;
