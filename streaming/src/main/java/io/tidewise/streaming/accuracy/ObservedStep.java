package io.tidewise.streaming.accuracy;

/**
 * A regular step waiting for the watermark to pass {@code dueAt}, by which time every forecast made before it has
 * arrived.
 *
 * @param value NaN for a missing step, which scores nothing but still retires the forecasts for its time
 */
public record ObservedStep(double value, long dueAt) {}
