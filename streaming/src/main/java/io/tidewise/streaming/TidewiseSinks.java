package io.tidewise.streaming;

import io.tidewise.core.Observation;
import io.tidewise.core.Validation;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.deadletter.DeadLetterCount;
import io.tidewise.streaming.inference.IssuedForecast;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go. Production hands InfluxDB sinks; tests hand collecting ones.
 *
 * @param observations      every observation read, as it arrived (the {@code observation} measurement)
 * @param forecasts         every forecast issued
 * @param accuracy          every forecast step scored against what came true
 * @param lateObservations  observations dropped as too late to regularize; null to count them only
 * @param deadLetterCounts  dead letters counted per stream, reason and interval (the {@code dead_letter}
 *                          measurement); null to count them in Flink's metrics only. Only a job built from raw
 *                          records has dead letters.
 */
public record TidewiseSinks(Sink<Observation> observations, Sink<IssuedForecast> forecasts,
        Sink<AccuracyPoint> accuracy, Sink<Observation> lateObservations, Sink<DeadLetterCount> deadLetterCounts) {

    public TidewiseSinks {
        Validation.requireNonNull(observations, "observations sink");
        Validation.requireNonNull(forecasts, "forecasts sink");
        Validation.requireNonNull(accuracy, "accuracy sink");
    }

    /** Sinks without dead-letter counts. */
    public TidewiseSinks(Sink<Observation> observations, Sink<IssuedForecast> forecasts,
            Sink<AccuracyPoint> accuracy, Sink<Observation> lateObservations) {
        this(observations, forecasts, accuracy, lateObservations, null);
    }
}
