package io.tidewise.streaming.accuracy;

import io.tidewise.core.SeriesId;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.regularize.RegularStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Scores forecasts against the regular steps that come true, per series.
 *
 * <p>Forecasts and steps arrive on two inputs whose interleaving is not fixed, so a step is scored in event time:
 * it waits for the watermark to reach its own timestamp. Forecasts carry the timestamp of the step they were made
 * from, which precedes every step they cover, and inference holds watermarks back until it has emitted them, so
 * by then the latest forecast made before the step is in state. That makes the result a function of the data, not
 * of timing: replaying a stream scores the same forecasts.
 *
 * <p>State per series, both bounded: the forecast points for future targets (a newer forecast overwrites an older
 * one's target, and a target is retired when its step is scored, so at most the horizon of points remain) and the
 * steps waiting for the watermark (those within the watermark delay, normally one or two).
 *
 * <p>The point forecast scored is the median; the 80% band is 10%-90%. The job checks that the forecast levels
 * include 0.1, 0.5 and 0.9.
 */
public final class LiveAccuracy extends KeyedCoProcessFunction<SeriesId, RegularStep, IssuedForecast, AccuracyPoint> {
    private static final long serialVersionUID = 1L;

    private transient MapState<Long, ForecastPoint> forecastsByTarget;
    private transient MapState<Long, ObservedStep> stepsAwaitingWatermark;

    @Override
    public void open(OpenContext openContext) {
        forecastsByTarget = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("forecasts-by-target", Long.class, ForecastPoint.class));
        stepsAwaitingWatermark = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("steps-awaiting-watermark", Long.class, ObservedStep.class));
    }

    @Override
    public void processElement1(RegularStep step, Context context, Collector<AccuracyPoint> out) throws Exception {
        long stepMillis = step.timestamp().toEpochMilli();
        Long dueAt = context.timestamp();
        if (dueAt == null) {
            // Without event time there is nothing to wait for: score against what has arrived.
            score(context.getCurrentKey(), stepMillis, step.value(), out);
            return;
        }
        stepsAwaitingWatermark.put(stepMillis, new ObservedStep(step.value(), dueAt));
        context.timerService().registerEventTimeTimer(dueAt);
    }

    @Override
    public void processElement2(IssuedForecast forecast, Context context, Collector<AccuracyPoint> out)
            throws Exception {
        for (int step = 1; step <= forecast.horizon(); step++) {
            forecastsByTarget.put(forecast.targetTimes()[step - 1], new ForecastPoint(forecast.modelId(), step,
                    forecast.issuedAt().toEpochMilli(), forecast.quantile(step, 0.5), forecast.quantile(step, 0.1),
                    forecast.quantile(step, 0.9), forecast.seasonalScale()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AccuracyPoint> out) throws Exception {
        List<Map.Entry<Long, ObservedStep>> due = new ArrayList<>();
        for (Map.Entry<Long, ObservedStep> entry : stepsAwaitingWatermark.entries()) {
            if (entry.getValue().dueAt() <= timestamp) {
                due.add(Map.entry(entry.getKey(), entry.getValue()));
            }
        }
        due.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Long, ObservedStep> entry : due) {
            score(context.getCurrentKey(), entry.getKey(), entry.getValue().value(), out);
            stepsAwaitingWatermark.remove(entry.getKey());
        }
    }

    /** Scores the forecast for {@code stepMillis}, if any, and retires every target up to it. */
    private void score(SeriesId series, long stepMillis, double actual, Collector<AccuracyPoint> out)
            throws Exception {
        ForecastPoint point = forecastsByTarget.get(stepMillis);
        if (point != null && !Double.isNaN(actual)) {
            double absoluteError = Math.abs(actual - point.median());
            double scale = point.seasonalScale();
            double scaledError = scale > 0 && Double.isFinite(scale) ? absoluteError / scale : Double.NaN;
            boolean covered = actual >= point.lower80() && actual <= point.upper80();
            out.collect(new AccuracyPoint(series, point.modelId(), Instant.ofEpochMilli(stepMillis), point.step(),
                    Instant.ofEpochMilli(point.issuedAtMillis()), actual, point.median(), absoluteError, scaledError,
                    covered));
        }
        List<Long> retired = new ArrayList<>();
        for (Long target : forecastsByTarget.keys()) {
            if (target <= stepMillis) {
                retired.add(target);
            }
        }
        for (Long target : retired) {
            forecastsByTarget.remove(target);
        }
    }
}
