package io.tidewise.model.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.QuantileLevels;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Contexts in, quantile forecasts out, in original units. Batched across series; horizons longer than the model's
 * head reach are rolled out by feeding the median back. Deterministic for a fixed seed. One instance holds one
 * loaded model and is used by one thread at a time; close it to free native memory.
 */
public interface Forecaster extends AutoCloseable {

    /**
     * Forecasts every request {@code horizon} steps ahead at the given quantile levels, in request order.
     *
     * @param seriesDone called with the number of series finished after each batch (for progress bars)
     */
    List<Forecast> forecast(List<ForecastRequest> requests, int horizon, QuantileLevels levels, IntConsumer seriesDone);

    default List<Forecast> forecast(List<ForecastRequest> requests, int horizon, QuantileLevels levels) {
        return forecast(requests, horizon, levels, done -> { });
    }

    /** {@code name@version} of the loaded model, as the {@code model} tag in InfluxDB. */
    String modelId();

    /** The longest context, in values, the model looks at; older values are ignored. */
    int maxContextLength();

    @Override
    void close();
}
