package io.tidewise.streaming.regularize;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;

/**
 * The observations of one open step, folded: enough for both aggregations, and of constant size however many
 * observations the step receives.
 */
public record StepAccumulator(Domain domain, long count, double sum, double latestValue, long latestMillis) {

    public static StepAccumulator of(Observation observation) {
        return new StepAccumulator(observation.domain(), 1, observation.value(), observation.value(),
                observation.timestamp().toEpochMilli());
    }

    public StepAccumulator add(Observation observation) {
        long millis = observation.timestamp().toEpochMilli();
        boolean newer = millis >= latestMillis;
        return new StepAccumulator(observation.domain(), count + 1, sum + observation.value(),
                newer ? observation.value() : latestValue, newer ? millis : latestMillis);
    }

    public double value(Aggregation aggregation) {
        return switch (aggregation) {
            case LAST -> latestValue;
            case MEAN -> sum / count;
        };
    }
}
