package io.tidewise.streaming;

import io.tidewise.core.Observation;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.regularize.RegularStep;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The streams of a built job graph, for callers that attach more than the standard sinks (Kafka publishing). */
public record TidewiseStreams(DataStream<Observation> observations, DataStream<RegularStep> steps,
        DataStream<IssuedForecast> forecasts, DataStream<AccuracyPoint> accuracy,
        DataStream<Observation> lateObservations) {}
