package io.tidewise.streaming.regularize;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;

/**
 * The observations of one open step, folded: enough for both aggregations, and of constant size however many
 * observations the step receives.
 *
 * @param arrivedAt wall-clock epoch milliseconds at which the last observation folded in reached the job
 */
public record StepAccumulator(Domain domain, long count, double sum, double latestValue, long latestMillis,
        long arrivedAt) {

    public static StepAccumulator of(Observation observation, long arrivedAt) {
        return new StepAccumulator(observation.domain(), 1, observation.value(), observation.value(),
                observation.timestamp().toEpochMilli(), arrivedAt);
    }

    public StepAccumulator add(Observation observation, long arrivedAt) {
        long millis = observation.timestamp().toEpochMilli();
        boolean newer = millis >= latestMillis;
        return new StepAccumulator(observation.domain(), count + 1, sum + observation.value(),
                newer ? observation.value() : latestValue, newer ? millis : latestMillis,
                Math.max(this.arrivedAt, arrivedAt));
    }

    public double value(Aggregation aggregation) {
        return switch (aggregation) {
            case LAST -> latestValue;
            case MEAN -> sum / count;
        };
    }
}
