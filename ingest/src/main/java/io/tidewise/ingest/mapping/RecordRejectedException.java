package io.tidewise.ingest.mapping;

import java.util.Objects;

/**
 * Signals inside the mapper that a record cannot be mapped; {@link RecordMapper} turns it into a dead letter. Never
 * leaves this package's public API: {@link RecordMapper#map} does not throw.
 */
final class RecordRejectedException extends Exception {
    private final DeadLetterReason reason;

    RecordRejectedException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false); // no stack trace: this is a data outcome, raised per bad record
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    DeadLetterReason reason() {
        return reason;
    }
}
