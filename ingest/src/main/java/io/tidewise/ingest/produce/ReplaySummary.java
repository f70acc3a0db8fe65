package io.tidewise.ingest.produce;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a replay did.
 *
 * @param sent            records sent
 * @param seriesReplayed  series with at least one record sent
 * @param missingSkipped  missing values of the file (empty value fields): no observation exists for them
 * @param rejectedSeries  series not replayed, one message each (file, line, field and value, or why)
 * @param firstEventTime  the earliest event time sent, or null if none
 * @param lastEventTime   the latest event time sent, or null if none
 * @param wallTime        how long the replay took
 */
public record ReplaySummary(long sent, int seriesReplayed, long missingSkipped, List<String> rejectedSeries,
                            Instant firstEventTime, Instant lastEventTime, Duration wallTime) {
    public ReplaySummary {
        rejectedSeries = List.copyOf(rejectedSeries);
    }
}
