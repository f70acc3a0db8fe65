/**
 * Micro-batched inference across series: forecast requests from all keys of a task are gathered and sent to one
 * {@link io.tidewise.model.forecast.Forecaster} per task in batches, flushed by size or by time, whichever comes
 * first, and always before a checkpoint barrier, so no request ever sits in un-checkpointed memory.
 */
package io.tidewise.streaming.inference;
