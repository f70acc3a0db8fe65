package io.tidewise.ui.forecast;

/** The translated series names a chart shows in its legend and tooltips. */
public record ChartLabels(String history, String realized, String median, String band80, String band60,
        String anomalies) {}
