package io.tidewise.streaming.regularize;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import io.tidewise.streaming.metrics.JobMetrics;
import io.tidewise.streaming.metrics.LogContext;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the observations of each series on the grid of its frequency, one {@link RegularStep} per step, in step
 * order and with no step skipped.
 *
 * <p>An observation is folded into the open accumulator of its step. A step closes when the watermark reaches its
 * {@linkplain StepGrid#closingTime closing time} (its end plus the allowed lateness): its value is emitted, preceded
 * by a missing value for every empty step since the previous closed one. Observations out of order within that
 * time land in their step as if they had come in order. An observation for a step that is already closed is
 * dropped, counted in the {@value #LATE_METRIC} metric and sent to {@link #LATE_OBSERVATIONS}.
 *
 * <p>Per series the state holds the open steps (as many as the out-of-orderness and lateness span) and the start
 * of the last closed step. A gap longer than {@code maxMissingSteps} is reported as only its last
 * {@code maxMissingSteps} missing steps: the context window downstream cannot hold more than that, so older
 * missing values would be pushed out unread.
 */
public final class Regularizer extends KeyedProcessFunction<SeriesId, Observation, RegularStep> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Regularizer.class);

    /** Observations that arrived for a step already closed. */
    public static final OutputTag<Observation> LATE_OBSERVATIONS =
            new OutputTag<>("late-observations", TypeInformation.of(Observation.class));

    /** Name of the counter of observations dropped as too late. */
    public static final String LATE_METRIC = "lateObservationsDropped";

    private final SeriesSettingsResolver settings;
    private final Aggregation aggregation;
    private final long allowedLatenessMillis;
    private final int maxMissingSteps;

    private transient MapState<Long, StepAccumulator> openSteps;
    private transient ValueState<Long> lastClosedStep;
    private transient Counter lateObservations;
    private transient JobMetrics.PerStream lateByStream;

    public Regularizer(SeriesSettingsResolver settings, Aggregation aggregation, Duration allowedLateness,
            int maxMissingSteps) {
        this.settings = Validation.requireNonNull(settings, "series settings");
        this.aggregation = Validation.requireNonNull(aggregation, "aggregation");
        Validation.requireNonNull(allowedLateness, "allowed lateness");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.maxMissingSteps = Validation.requirePositive(maxMissingSteps, "max missing steps");
    }

    @Override
    public void open(OpenContext openContext) {
        openSteps = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("open-steps", Long.class, StepAccumulator.class));
        lastClosedStep = getRuntimeContext().getState(new ValueStateDescriptor<>("last-closed-step", Long.class));
        lateObservations = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
        lateByStream = new JobMetrics.PerStream(getRuntimeContext().getMetricGroup(), JobMetrics.LATE_OBSERVATIONS);
    }

    @Override
    public void processElement(Observation observation, Context context, Collector<RegularStep> out)
            throws Exception {
        Frequency frequency = frequencyOf(observation.series(), observation.domain());
        Instant step = StepGrid.stepStart(frequency, observation.timestamp());
        long closingTime = StepGrid.closingTime(frequency, step, allowedLatenessMillis);
        Long lastClosed = lastClosedStep.value();
        if (closingTime <= context.timerService().currentWatermark()
                || (lastClosed != null && step.toEpochMilli() <= lastClosed)) {
            lateObservations.inc();
            String stream = settings.streamOf(observation.series(), observation.domain());
            lateByStream.of(stream).inc();
            if (LOG.isDebugEnabled()) {
                try (LogContext log = LogContext.of(stream, observation.series().value())) {
                    LOG.debug("Observation at {} dropped as late: its step {} closed at watermark {}",
                            observation.timestamp(), step, context.timerService().currentWatermark());
                }
            }
            context.output(LATE_OBSERVATIONS, observation);
            return;
        }
        long arrivedAt = context.timerService().currentProcessingTime();
        StepAccumulator accumulator = openSteps.get(step.toEpochMilli());
        if (accumulator == null) {
            context.timerService().registerEventTimeTimer(closingTime);
            accumulator = StepAccumulator.of(observation, arrivedAt);
        } else {
            accumulator = accumulator.add(observation, arrivedAt);
        }
        openSteps.put(step.toEpochMilli(), accumulator);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<RegularStep> out) throws Exception {
        SeriesId series = context.getCurrentKey();
        List<Map.Entry<Long, StepAccumulator>> due = new ArrayList<>();
        Domain resolvedDomain = null;
        Frequency frequency = null;
        for (Map.Entry<Long, StepAccumulator> entry : openSteps.entries()) {
            Domain domain = entry.getValue().domain();
            if (domain != resolvedDomain) { // a series keeps its domain: resolve its settings once per timer
                frequency = frequencyOf(series, domain);
                resolvedDomain = domain;
            }
            if (StepGrid.closingTime(frequency, Instant.ofEpochMilli(entry.getKey()), allowedLatenessMillis)
                    <= timestamp) {
                due.add(Map.entry(entry.getKey(), entry.getValue()));
            }
        }
        due.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Long, StepAccumulator> entry : due) {
            close(series, Instant.ofEpochMilli(entry.getKey()), entry.getValue(), out);
            openSteps.remove(entry.getKey());
        }
    }

    private void close(SeriesId series, Instant step, StepAccumulator accumulator, Collector<RegularStep> out)
            throws Exception {
        Long lastClosed = lastClosedStep.value();
        if (lastClosed != null) {
            Frequency frequency = frequencyOf(series, accumulator.domain());
            List<Instant> gap = new ArrayList<>();
            for (int back = 1; back <= maxMissingSteps; back++) {
                Instant missing = frequency.add(step, -back);
                if (missing.toEpochMilli() <= lastClosed) {
                    break;
                }
                gap.add(missing);
            }
            Collections.reverse(gap);
            for (Instant missing : gap) {
                out.collect(RegularStep.missing(series, accumulator.domain(), missing));
            }
        }
        out.collect(new RegularStep(series, accumulator.domain(), step, accumulator.value(aggregation),
                accumulator.arrivedAt()));
        lastClosedStep.update(step.toEpochMilli());
    }

    /** What the {@value #LATE_METRIC} counter of this instance holds. */
    long lateObservationCount() {
        return lateObservations.getCount();
    }

    private Frequency frequencyOf(SeriesId series, Domain domain) {
        return settings.resolve(series, domain).frequency();
    }
}
