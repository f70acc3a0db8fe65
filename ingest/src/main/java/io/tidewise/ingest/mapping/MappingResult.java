package io.tidewise.ingest.mapping;

import io.tidewise.core.Observation;
import java.util.Objects;

/** What became of one record under one stream definition: an observation, a dead letter, or a skipped header. */
public sealed interface MappingResult {

    /** The stream definition's name. */
    String stream();

    /** The record became an observation. */
    record Mapped(String stream, Observation observation) implements MappingResult {
        public Mapped {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(observation, "observation");
        }
    }

    /** The record could not be mapped; the dead letter carries it and the reason. */
    record Rejected(String stream, DeadLetterReason reason, DeadLetter deadLetter) implements MappingResult {
        public Rejected {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }

    /**
     * The record repeats a CSV stream's header line: no data and no error. Counted, never silently gone (see
     * {@link MappingMetrics}).
     */
    record SkippedHeader(String stream, SourceRecord record) implements MappingResult {
        public SkippedHeader {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(record, "record");
        }
    }
}
