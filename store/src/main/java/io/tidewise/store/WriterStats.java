package io.tidewise.store;

/**
 * What an {@link InfluxWriter} has done so far, e.g. for metrics.
 *
 * @param pointsWritten points InfluxDB acknowledged
 * @param batchesWritten write requests InfluxDB acknowledged
 * @param retries failed attempts that were retried (InfluxDB unreachable, busy or failing)
 * @param pointsRejected points in batches InfluxDB refused for good (reported to the caller by an exception)
 * @param pointsBuffered points waiting in the buffer now
 */
public record WriterStats(long pointsWritten, long batchesWritten, long retries, long pointsRejected,
        int pointsBuffered) {}
