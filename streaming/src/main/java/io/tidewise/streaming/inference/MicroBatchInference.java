package io.tidewise.streaming.inference;

import io.tidewise.core.Forecast;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.Validation;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.streaming.context.ForecastTrigger;
import io.tidewise.streaming.metrics.JobMetrics;
import io.tidewise.streaming.metrics.LogContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers forecast requests from every series of its task and runs them through one {@link Forecaster} in
 * batches: a batch goes when it holds {@code maxBatchSize} requests or when its first request has waited
 * {@code maxBatchDelay}, whichever comes first. The default model is loaded in {@link #open}; a model a stream
 * names is loaded once, when its first request arrives.
 *
 * <p>Why an operator rather than a process function: batching across keys needs three hooks a function does not
 * have. The batch is flushed in {@link #prepareSnapshotPreBarrier} (so a checkpoint never holds an unanswered
 * request: none is lost or answered twice after a restore, and the batch needs no state of its own) and in
 * {@link #endInput}; and watermarks are held back while requests wait ({@link #processWatermark}), so a forecast
 * never leaves behind the watermark that followed its request and event-time operators downstream (live accuracy)
 * see every forecast before the time it was made for passes.
 *
 * <p>Each forecast keeps the timestamp of its request. Requests of different models or horizons go to the forecaster in
 * separate calls, in order of arrival within each.
 */
public final class MicroBatchInference extends AbstractStreamOperator<IssuedForecast>
        implements OneInputStreamOperator<ForecastTrigger, IssuedForecast>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchInference.class);

    /** Counter of forecasts emitted (also {@code tidewise.forecastsIssued}). */
    public static final String FORECASTS_METRIC = "forecastsIssued";
    /** Counter of batches sent to the forecaster. */
    public static final String BATCHES_METRIC = "forecastBatches";

    private final ForecasterFactory forecasterFactory;
    /** Core's {@link QuantileLevels} is not serializable: the operator travels with the raw levels. */
    private final double[] levelValues;
    private final int maxBatchSize;
    private final long maxBatchDelayMillis;

    private transient QuantileLevels levels;
    private transient Forecaster forecaster;
    /** Models streams name, loaded when first asked for: one instance per task and model. */
    private transient Map<String, Forecaster> namedForecasters;
    private transient List<Pending> batch;
    private transient Watermark heldWatermark;
    private transient ScheduledFuture<?> flushTimer;
    private transient Counter forecastsIssued;
    private transient Counter batches;
    private transient Counter tidewiseForecastsIssued;
    private transient Histogram batchSizes;
    private transient Histogram inferenceMillis;

    private record Pending(ForecastTrigger trigger, long timestamp, boolean hasTimestamp) {}

    public MicroBatchInference(ForecasterFactory forecasterFactory, QuantileLevels levels, int maxBatchSize,
            Duration maxBatchDelay) {
        this.forecasterFactory = Validation.requireNonNull(forecasterFactory, "forecaster factory");
        this.levelValues = Validation.requireNonNull(levels, "quantile levels").toArray();
        this.maxBatchSize = Validation.requirePositive(maxBatchSize, "max batch size");
        Validation.requireNonNull(maxBatchDelay, "max batch delay");
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("max batch delay must be positive, was " + maxBatchDelay);
        }
        this.maxBatchDelayMillis = maxBatchDelay.toMillis();
    }

    @Override
    public void open() throws Exception {
        super.open();
        levels = new QuantileLevels(levelValues);
        batch = new ArrayList<>(maxBatchSize);
        forecastsIssued = getMetricGroup().counter(FORECASTS_METRIC);
        batches = getMetricGroup().counter(BATCHES_METRIC);
        tidewiseForecastsIssued = JobMetrics.tidewise(getMetricGroup()).counter(JobMetrics.FORECASTS_ISSUED);
        batchSizes = JobMetrics.histogram(JobMetrics.tidewise(getMetricGroup()), JobMetrics.BATCH_SIZE);
        inferenceMillis = JobMetrics.histogram(JobMetrics.tidewise(getMetricGroup()), JobMetrics.INFERENCE_TIME_MS);
        forecaster = forecasterFactory.create();
        namedForecasters = new HashMap<>();
        LOG.info("Task {} forecasts with {} (context {} values), batches of up to {} or {} ms",
                getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), forecaster.modelId(),
                forecaster.maxContextLength(), maxBatchSize, maxBatchDelayMillis);
    }

    @Override
    public void processElement(StreamRecord<ForecastTrigger> element) throws Exception {
        batch.add(new Pending(element.getValue(), element.getTimestamp(), element.hasTimestamp()));
        if (batch.size() >= maxBatchSize) {
            flush();
        } else if (batch.size() == 1) {
            long deadline = getProcessingTimeService().getCurrentProcessingTime() + maxBatchDelayMillis;
            flushTimer = getProcessingTimeService().registerTimer(deadline, time -> flush());
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (batch.isEmpty()) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    @Override
    public void close() throws Exception {
        try {
            if (namedForecasters != null) {
                namedForecasters.values().forEach(Forecaster::close);
            }
            if (forecaster != null) {
                forecaster.close();
            }
        } finally {
            super.close();
        }
    }

    /** Answers every waiting request, then lets the held watermark through. */
    private void flush() throws Exception {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        if (!batch.isEmpty()) {
            Map<BatchKey, List<Pending>> groups = new LinkedHashMap<>();
            for (Pending pending : batch) {
                BatchKey key = new BatchKey(pending.trigger().model(), pending.trigger().horizon());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(pending);
            }
            for (Map.Entry<BatchKey, List<Pending>> group : groups.entrySet()) {
                forecast(forecasterFor(group.getKey().model()), group.getKey().horizon(), group.getValue());
            }
            batch.clear();
        }
        if (heldWatermark != null) {
            Watermark release = heldWatermark;
            heldWatermark = null;
            super.processWatermark(release);
        }
    }

    /** Requests one forecaster call answers: same model, same horizon. */
    private record BatchKey(String model, int horizon) {}

    private Forecaster forecasterFor(String model) throws Exception {
        if (model == null) {
            return forecaster;
        }
        Forecaster named = namedForecasters.get(model);
        if (named == null) {
            named = forecasterFactory.create(model);
            namedForecasters.put(model, named);
            LOG.info("Task {} loaded {} for the streams that name model '{}'",
                    getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), named.modelId(), model);
        }
        return named;
    }

    private void forecast(Forecaster forecaster, int horizon, List<Pending> group) {
        List<ForecastRequest> requests = new ArrayList<>(group.size());
        for (Pending pending : group) {
            requests.add(pending.trigger().toRequest());
        }
        List<Forecast> forecasts;
        long started = System.nanoTime();
        // A batch mixes series: the log context names the first and how many more, enough to find the batch.
        String series = group.get(0).trigger().series().value()
                + (group.size() > 1 ? " (+" + (group.size() - 1) + " more)" : "");
        try (LogContext log = LogContext.of(null, series)) {
            forecasts = forecaster.forecast(requests, horizon, levels);
        }
        inferenceMillis.update((System.nanoTime() - started) / 1_000_000);
        batchSizes.update(group.size());
        if (forecasts.size() != requests.size()) {
            throw new IllegalStateException("forecaster " + forecaster.modelId() + " answered " + forecasts.size()
                    + " forecasts for " + requests.size() + " requests");
        }
        batches.inc();
        String modelId = forecaster.modelId();
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            ForecastTrigger trigger = pending.trigger();
            long[] continuation = new long[horizon];
            for (int h = 0; h < horizon; h++) {
                continuation[h] = trigger.frequency().add(trigger.lastTimestamp(), h + 1L).toEpochMilli();
            }
            IssuedForecast issued = IssuedForecast.of(forecasts.get(i), trigger.domain(), modelId,
                    trigger.lastTimestamp(), continuation, trigger.seasonalScale(), trigger.arrivedAt());
            StreamRecord<IssuedForecast> out = pending.hasTimestamp()
                    ? new StreamRecord<>(issued, pending.timestamp())
                    : new StreamRecord<>(issued);
            output.collect(out);
            forecastsIssued.inc();
            tidewiseForecastsIssued.inc();
        }
    }
}
