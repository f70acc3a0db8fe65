/**
 * Optimisation pieces DJL lacks or gets wrong for GPT training: AdamW that decays only weight matrices and can be
 * saved and resumed, global-norm gradient clipping, and the warm-up plus cosine learning-rate schedule.
 */
package io.tidewise.training.optim;
