package io.tidewise.ui.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Registers the app's meters at start, at zero, so that {@code /actuator/metrics} and a scraper see them before the
 * first what-if, retraining or query (a counter that appears only once something happened reads as "no data").
 */
@Component
public class AppMeterBinder implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        for (String outcome : new String[] {"succeeded", "failed"}) {
            Counter.builder(AppMetrics.WHAT_IF_FORECASTS).tag("outcome", outcome)
                    .description("what-if forecasts run").register(registry);
        }
        for (String outcome : new String[] {"started", "succeeded", "failed"}) {
            Counter.builder(AppMetrics.RETRAININGS).tag("outcome", outcome)
                    .description("retrainings started and how they ended").register(registry);
        }
        Timer.builder(AppMetrics.INFLUX_QUERIES).description("InfluxDB queries the app sent").register(registry);
    }
}
