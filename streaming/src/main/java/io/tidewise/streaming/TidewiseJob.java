package io.tidewise.streaming;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.accuracy.LiveAccuracy;
import io.tidewise.streaming.context.ContextWindow;
import io.tidewise.streaming.context.ForecastTrigger;
import io.tidewise.streaming.deadletter.DeadLetterCount;
import io.tidewise.streaming.deadletter.DeadLetterCounting;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.inference.MicroBatchInference;
import io.tidewise.streaming.kafka.RecordMapping;
import io.tidewise.streaming.regularize.RegularStep;
import io.tidewise.streaming.regularize.Regularizer;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The tokenize-and-forecast job graph:
 * observations (event time, bounded out-of-orderness watermarks) → keyBy series → {@link Regularizer} →
 * {@link ContextWindow} → {@link MicroBatchInference} → forecasts; regular steps and forecasts → keyBy series →
 * {@link LiveAccuracy} → accuracy. Observations go to their own sink as they arrive.
 *
 * <p>The graph takes its source and sinks as arguments: {@code main} ({@link TidewiseJobMain}) alone wires Kafka
 * and InfluxDB, tests wire their own. Operators carry stable uids, so a savepoint survives a rebuilt graph.
 */
public final class TidewiseJob {
    private TidewiseJob() {}

    /** Builds the graph on a FLIP-27 source of canonical observations; the job's watermarks are assigned here. */
    public static TidewiseStreams build(StreamExecutionEnvironment env, Source<Observation, ?, ?> source,
            JobSettings settings, TidewiseSinks sinks) {
        Validation.requireNonNull(source, "source");
        DataStream<Observation> observations = env.fromSource(source, watermarks(settings), "observations",
                TypeInformation.of(Observation.class)).uid("observations-source");
        return build(env, observations, settings, sinks);
    }

    /**
     * Builds the graph on a FLIP-27 source of raw records (Kafka): {@code mapping} turns them into observations;
     * records that cannot be mapped go to {@code deadLetters}.
     *
     * <p>Event time is assigned in the source, from each raw record's own observation time
     * ({@link RecordMapping#eventTimes()}), so the source generates watermarks per split (per Kafka partition) and
     * emits the minimum over its splits: a stream far ahead in event time on one topic or partition does not make
     * the records of slower streams on other topics late.
     */
    public static TidewiseStreams buildFromRecords(StreamExecutionEnvironment env, Source<SourceRecord, ?, ?> source,
            RecordMapping mapping, JobSettings settings, TidewiseSinks sinks, Sink<DeadLetter> deadLetters) {
        Validation.requireNonNull(source, "source");
        Validation.requireNonNull(mapping, "record mapping");
        Validation.requireNonNull(deadLetters, "dead-letter sink");
        Validation.requireNonNull(settings, "settings");
        SingleOutputStreamOperator<Observation> mapped = env
                .fromSource(source, watermarks(settings, mapping.eventTimes()), "records",
                        TypeInformation.of(SourceRecord.class))
                .uid("records-source")
                .process(mapping)
                .returns(Observation.class)
                .uid("record-mapping").name("record mapping");
        DataStream<DeadLetter> rejected = mapped.getSideOutput(RecordMapping.DEAD_LETTERS);
        rejected.sinkTo(deadLetters).uid("dead-letters-sink").name("dead letters sink");
        DataStream<DeadLetterCount> deadLetterCounts = rejected
                .keyBy(DeadLetterCounting::keyOf, TypeInformation.of(String.class))
                .transform("dead-letter counting", TypeInformation.of(DeadLetterCount.class),
                        new DeadLetterCounting(DeadLetterCounting.DEFAULT_INTERVAL))
                .uid("dead-letter-counting");
        if (sinks.deadLetterCounts() != null) {
            deadLetterCounts.sinkTo(sinks.deadLetterCounts()).uid("dead-letter-counts-sink")
                    .name("dead-letter counts sink");
        }
        return build(env, mapped, settings, sinks);
    }

    /**
     * Builds the graph on a stream of observations that already carries timestamps and watermarks (for instance
     * one mapped from raw records by the stream definitions; see {@link #watermarks}).
     */
    public static TidewiseStreams build(StreamExecutionEnvironment env, DataStream<Observation> observations,
            JobSettings settings, TidewiseSinks sinks) {
        Validation.requireNonNull(env, "environment");
        Validation.requireNonNull(observations, "observations");
        Validation.requireNonNull(settings, "settings");
        Validation.requireNonNull(sinks, "sinks");
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }

        SingleOutputStreamOperator<RegularStep> steps = observations
                .keyBy(Observation::series, TypeInformation.of(SeriesId.class))
                .process(new Regularizer(settings.seriesSettings(), settings.aggregation(),
                        settings.allowedLateness(), settings.contextLength()))
                .returns(RegularStep.class)
                .uid("regularize").name("regularize");
        DataStream<Observation> late = steps.getSideOutput(Regularizer.LATE_OBSERVATIONS);

        // The regularizer already runs partitioned by series, so the context window reuses that partitioning
        // instead of shuffling again: the two chain into one task and steps pass between them without serialization.
        DataStream<ForecastTrigger> triggers = DataStreamUtils
                .reinterpretAsKeyedStream(steps, RegularStep::series, TypeInformation.of(SeriesId.class))
                .process(new ContextWindow(settings.contextLength(), settings.forecastEvery(),
                        settings.seriesSettings(), settings.forecastFrom()))
                .returns(ForecastTrigger.class)
                .uid("context-window").name("context window");

        DataStream<IssuedForecast> forecasts = triggers
                .transform("micro-batched inference", TypeInformation.of(IssuedForecast.class),
                        new MicroBatchInference(settings.forecasterFactory(), settings.levels(),
                                settings.maxBatchSize(), settings.maxBatchDelay()))
                .uid("inference");

        DataStream<AccuracyPoint> accuracy = steps
                .keyBy(RegularStep::series, TypeInformation.of(SeriesId.class))
                .connect(forecasts.keyBy(IssuedForecast::series, TypeInformation.of(SeriesId.class)))
                .process(new LiveAccuracy())
                .returns(AccuracyPoint.class)
                .uid("live-accuracy").name("live accuracy");

        // The two busiest sinks run in tasks of their own rather than chained to their producers: a write blocks
        // until InfluxDB has taken the batch, and chained, the source (or the inference) would stand still
        // meanwhile. Apart, the next records are read (or forecast) while InfluxDB ingests the last batch.
        observations.sinkTo(sinks.observations()).uid("observations-sink").name("observations sink")
                .disableChaining();
        forecasts.sinkTo(sinks.forecasts()).uid("forecasts-sink").name("forecasts sink").disableChaining();
        accuracy.sinkTo(sinks.accuracy()).uid("accuracy-sink").name("accuracy sink");
        if (sinks.lateObservations() != null) {
            late.sinkTo(sinks.lateObservations()).uid("late-observations-sink").name("late observations sink");
        }
        return new TidewiseStreams(observations, steps, forecasts, accuracy, late);
    }

    /** Event time from the observation's timestamp, watermarks with the configured bounded out-of-orderness. */
    public static WatermarkStrategy<Observation> watermarks(JobSettings settings) {
        return watermarks(settings, (observation, previous) -> observation.timestamp().toEpochMilli());
    }

    private static <T> WatermarkStrategy<T> watermarks(JobSettings settings,
            SerializableTimestampAssigner<T> eventTime) {
        WatermarkStrategy<T> strategy = WatermarkStrategy
                .<T>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner(eventTime);
        return settings.sourceIdleness() == null ? strategy : strategy.withIdleness(settings.sourceIdleness());
    }
}
