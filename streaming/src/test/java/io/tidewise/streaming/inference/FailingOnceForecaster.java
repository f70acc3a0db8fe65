package io.tidewise.streaming.inference;

import io.tidewise.core.Forecast;
import io.tidewise.core.QuantileLevels;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Wraps a forecaster to take a task down once, mid-stream: every batch is slowed (so the stream is still running
 * while the test watches checkpoints complete) and the first batch after {@link #requestFailure()} throws. State
 * is static because a restarted task gets a fresh forecaster from the deserialized factory.
 */
public final class FailingOnceForecaster implements Forecaster {
    static final AtomicInteger BATCHES = new AtomicInteger();
    static final AtomicInteger FORECASTS = new AtomicInteger();
    static final AtomicBoolean FAILURE_REQUESTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger FORECASTS_AT_FAILURE = new AtomicInteger();

    private final Forecaster delegate;
    private final long millisPerBatch;

    private FailingOnceForecaster(Forecaster delegate, long millisPerBatch) {
        this.delegate = delegate;
        this.millisPerBatch = millisPerBatch;
    }

    public static ForecasterFactory factory(ForecasterFactory delegate, long millisPerBatch) {
        return () -> new FailingOnceForecaster(delegate.create(), millisPerBatch);
    }

    /** The next batch, in whichever task, fails; only once. */
    public static void requestFailure() {
        FAILURE_REQUESTED.set(true);
    }

    public static void reset() {
        BATCHES.set(0);
        FORECASTS.set(0);
        FAILURE_REQUESTED.set(false);
        FAILED.set(false);
        FORECASTS_AT_FAILURE.set(0);
    }

    /** Forecasts answered before the failure. */
    public static int forecastsAtFailure() {
        return FORECASTS_AT_FAILURE.get();
    }

    public static boolean failed() {
        return FAILED.get();
    }

    /** Forecasts answered in this JVM since {@link #reset()}, including those lost with the failed task. */
    public static int forecasts() {
        return FORECASTS.get();
    }

    @Override
    public List<Forecast> forecast(List<ForecastRequest> requests, int horizon, QuantileLevels levels,
            IntConsumer seriesDone) {
        try {
            Thread.sleep(millisPerBatch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing a batch", e);
        }
        BATCHES.incrementAndGet();
        if (FAILURE_REQUESTED.get() && FAILED.compareAndSet(false, true)) {
            FORECASTS_AT_FAILURE.set(FORECASTS.get());
            throw new IllegalStateException("injected failure after " + FORECASTS.get() + " forecasts");
        }
        FORECASTS.addAndGet(requests.size());
        return delegate.forecast(requests, horizon, levels, seriesDone);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int maxContextLength() {
        return delegate.maxContextLength();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
