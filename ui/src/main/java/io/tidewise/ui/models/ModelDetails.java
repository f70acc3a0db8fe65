package io.tidewise.ui.models;

/**
 * What the Models view shows of one version.
 *
 * @param metricsJson its {@code metrics.json}, indented, or null when it has none
 * @param cardHtml    its model card rendered, or null when it has none
 */
public record ModelDetails(String modelId, String metricsJson, String cardHtml) {}
