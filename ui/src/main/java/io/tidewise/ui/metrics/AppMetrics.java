package io.tidewise.ui.metrics;

import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.TimeUnit;

/**
 * The web app's own metrics, in Micrometer's global registry (which Spring Boot's actuator serves at
 * {@code /actuator/metrics} and {@code /actuator/prometheus}): what users ask the app to do, and how long InfluxDB
 * takes to answer it. docs/metrics.md lists them.
 */
public final class AppMetrics {
    /** Counter: what-if forecasts run, tag {@code outcome} = {@code succeeded} or {@code failed}. */
    public static final String WHAT_IF_FORECASTS = "tidewise.whatif.forecasts";
    /** Counter: retrainings, tag {@code outcome} = {@code started}, {@code succeeded} or {@code failed}. */
    public static final String RETRAININGS = "tidewise.retrainings";
    /** Timer: InfluxDB queries the app sent (answered or failed). */
    public static final String INFLUX_QUERIES = "tidewise.influx.queries";

    private AppMetrics() {}

    public static void whatIfForecast(boolean succeeded) {
        Metrics.counter(WHAT_IF_FORECASTS, "outcome", succeeded ? "succeeded" : "failed").increment();
    }

    public static void retraining(String outcome) {
        Metrics.counter(RETRAININGS, "outcome", outcome).increment();
    }

    public static void influxQuery(long nanos) {
        Metrics.timer(INFLUX_QUERIES).record(nanos, TimeUnit.NANOSECONDS);
    }
}
