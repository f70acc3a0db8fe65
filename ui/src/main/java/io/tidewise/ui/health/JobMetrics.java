package io.tidewise.ui.health;

import java.util.Map;

/**
 * The streaming job's key metrics, summed over its subtasks, as Flink's REST API reports them (the job's
 * {@code tidewise} metric group; docs/metrics.md).
 *
 * @param job                     the job's name
 * @param recordsIn               Kafka records read, by stream
 * @param observations            observations the records became, by stream
 * @param forecasts               forecasts asked for, by stream
 * @param lateObservations        observations too late to forecast from, by stream
 * @param deadLettersByReason     records that could not be mapped, by reason (all streams)
 * @param forecastLatencyP50Ms    median latency from a forecast's newest observation arriving to the forecast's
 *                                hand-over to InfluxDB, the worst subtask's; NaN before the first forecast
 * @param forecastLatencyP99Ms    the same at the 99th percentile
 * @param lastCheckpointMs        how long the last checkpoint took; NaN before the first
 */
public record JobMetrics(String job, Map<String, Long> recordsIn, Map<String, Long> observations,
        Map<String, Long> forecasts, Map<String, Long> lateObservations, Map<String, Long> deadLettersByReason,
        double forecastLatencyP50Ms, double forecastLatencyP99Ms, double lastCheckpointMs) {}
