package io.tidewise.streaming.inference;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A real, deterministic {@link Forecaster} for tests: the mean of every step is the last observed value of the
 * context, and quantile level {@code l} at step {@code h} is {@code mean + (l - 0.5) * h} (bands widen with the
 * horizon, quantiles increase with the level). It records the size of every batch and counts loads and closes
 * in static fields, which the MiniCluster (same JVM) and harness tests read back.
 */
public final class LastValueForecaster implements Forecaster {
    public static final String MODEL_ID = "last-value@1";

    static final AtomicInteger LOADED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();

    private final int maxContextLength;
    private final String modelId;

    private LastValueForecaster(int maxContextLength, String modelId) {
        this.maxContextLength = maxContextLength;
        this.modelId = modelId;
    }

    /** A factory as the job takes it; every {@code create} counts as one load. */
    public static ForecasterFactory factory(int maxContextLength) {
        return () -> {
            LOADED.incrementAndGet();
            return new LastValueForecaster(maxContextLength, MODEL_ID);
        };
    }

    /** A factory that also loads models by name: model {@code name} has the id {@code name@1}. */
    public static ForecasterFactory registryFactory(int maxContextLength) {
        return new ForecasterFactory() {
            private static final long serialVersionUID = 1L;

            @Override
            public Forecaster create() {
                LOADED.incrementAndGet();
                return new LastValueForecaster(maxContextLength, MODEL_ID);
            }

            @Override
            public Forecaster create(String model) {
                LOADED.incrementAndGet();
                return new LastValueForecaster(maxContextLength, model + "@1");
            }
        };
    }

    public static void resetCounters() {
        LOADED.set(0);
        CLOSED.set(0);
        BATCH_SIZES.clear();
    }

    public static int loaded() {
        return LOADED.get();
    }

    public static List<Integer> batchSizes() {
        return List.copyOf(BATCH_SIZES);
    }

    /** The value quantile {@code level} has at {@code step} for a context ending in {@code last}. */
    public static double expectedQuantile(double last, int step, double level) {
        return last + (level - 0.5) * step;
    }

    @Override
    public List<Forecast> forecast(List<ForecastRequest> requests, int horizon, QuantileLevels levels,
            IntConsumer seriesDone) {
        BATCH_SIZES.add(requests.size());
        List<Forecast> forecasts = new ArrayList<>(requests.size());
        for (ForecastRequest request : requests) {
            double[] context = request.context();
            double last = Double.NaN;
            for (int i = context.length - 1; i >= 0 && Double.isNaN(last); i--) {
                last = context[i];
            }
            if (Double.isNaN(last)) {
                throw new IllegalArgumentException("context of " + request.series() + " holds no value");
            }
            List<ForecastStep> steps = new ArrayList<>(horizon);
            for (int h = 1; h <= horizon; h++) {
                double[] quantiles = new double[levels.size()];
                for (int q = 0; q < levels.size(); q++) {
                    quantiles[q] = expectedQuantile(last, h, levels.level(q));
                }
                Instant target = request.hasTimes() ? request.frequency().add(request.lastTimestamp(), h) : null;
                steps.add(new ForecastStep(h, target, last, quantiles));
            }
            forecasts.add(new Forecast(request.series(), levels, steps));
        }
        seriesDone.accept(requests.size());
        return forecasts;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int maxContextLength() {
        return maxContextLength;
    }

    @Override
    public void close() {
        CLOSED.incrementAndGet();
    }
}
