package io.tidewise.streaming.metrics;

import io.tidewise.store.InfluxSettings;

/** Placeholder until the dashboard exists. */
final class OperationsDashboardCheck {
    private OperationsDashboardCheck() {}

    static void runEveryQuery(InfluxSettings metrics, InfluxSettings series) {
    }
}
