package io.tidewise.streaming.deadletter;

import io.tidewise.core.Validation;
import java.time.Instant;

/**
 * How many records of one stream were dead-lettered for one reason in an interval that ended at
 * {@code intervalEnd} (wall-clock time): one point of the {@code dead_letter} measurement.
 *
 * @param reason the dead-letter reason's wire name, e.g. {@code malformed_json}
 */
public record DeadLetterCount(String stream, String reason, Instant intervalEnd, long count) {
    public DeadLetterCount {
        Validation.requireNonBlank(stream, "stream");
        Validation.requireNonBlank(reason, "reason");
        Validation.requireNonNull(intervalEnd, "interval end");
        if (count <= 0) {
            throw new IllegalArgumentException("count of the dead letters of stream '" + stream + "' and reason '"
                    + reason + "' must be positive, was " + count);
        }
    }
}
