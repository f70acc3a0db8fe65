package io.tidewise.streaming.context;

import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import io.tidewise.streaming.metrics.JobMetrics;
import io.tidewise.streaming.regularize.RegularStep;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each series' latest {@code contextLength} regular steps in keyed state and requests a forecast on every
 * {@code forecastEvery}-th step that holds a value. Missing steps enter the context (as NaN, so the tokenizer masks
 * them) but never trigger a forecast: they carry no news. Steps that start before {@code forecastFrom} (a backfill
 * of history) only fill the context. The state is bounded by {@link SeriesContext#append}.
 */
public final class ContextWindow extends KeyedProcessFunction<SeriesId, RegularStep, ForecastTrigger> {
    private static final long serialVersionUID = 1L;

    private final int contextLength;
    private final int forecastEvery;
    private final SeriesSettingsResolver settings;
    private final long forecastFromMillis;

    private transient ValueState<SeriesContext> context;
    private transient JobMetrics.PerStream forecastsRequested;

    /** @param forecastFrom steps starting before this event time are not forecast; null: every step may be */
    public ContextWindow(int contextLength, int forecastEvery, SeriesSettingsResolver settings,
            Instant forecastFrom) {
        this.contextLength = Validation.requirePositive(contextLength, "context length");
        this.forecastEvery = Validation.requirePositive(forecastEvery, "forecast every (steps)");
        this.settings = Validation.requireNonNull(settings, "series settings");
        this.forecastFromMillis = forecastFrom == null ? Long.MIN_VALUE : forecastFrom.toEpochMilli();
    }

    @Override
    public void open(OpenContext openContext) {
        context = getRuntimeContext().getState(new ValueStateDescriptor<>("series-context", SeriesContext.class));
        forecastsRequested = new JobMetrics.PerStream(getRuntimeContext().getMetricGroup(),
                JobMetrics.FORECASTS_REQUESTED);
    }

    @Override
    public void processElement(RegularStep step, Context ctx, Collector<ForecastTrigger> out) throws Exception {
        SeriesContext current = context.value();
        if (current == null) {
            current = SeriesContext.empty();
        }
        SeriesContext next = current.append(step.value(), step.timestamp().toEpochMilli(), contextLength);
        if (!step.isMissing() && next.observedSinceForecast() >= forecastEvery
                && step.timestamp().toEpochMilli() >= forecastFromMillis) {
            SeriesSettings seriesSettings = settings.resolve(step.series(), step.domain());
            double[] values = next.values();
            out.collect(new ForecastTrigger(step.series(), step.domain(), values, step.timestamp(),
                    seriesSettings.frequency(), seriesSettings.horizon(),
                    SeasonalNaiveScale.of(values, seriesSettings.frequency().seasonalPeriod()),
                    seriesSettings.model(), step.arrivedAt()));
            forecastsRequested.of(settings.streamOf(step.series(), step.domain())).inc();
            next = next.forecastRequested();
        }
        context.update(next);
    }
}
