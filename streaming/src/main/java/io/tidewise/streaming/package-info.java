/**
 * The Flink job that turns canonical observations into forecasts: {@link io.tidewise.streaming.TidewiseJob} wires
 * regularization, bounded context windows, micro-batched inference and live accuracy between a source and sinks
 * handed to it, so that tests run the very graph production runs, with their own source and sinks.
 */
package io.tidewise.streaming;
