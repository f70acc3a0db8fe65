package io.tidewise.ui.health;

/**
 * One row of the Health view's job metrics.
 *
 * @param key     the translation key of the metric's name ({@code health.metric.*})
 * @param subject what it counts: a stream, a dead-letter reason, or the job's name
 * @param value   the value with its unit
 */
public record MetricLine(String key, String subject, String value) {}
