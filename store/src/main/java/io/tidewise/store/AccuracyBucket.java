package io.tidewise.store;

import java.time.Instant;

/**
 * Live accuracy of one model on one series over one time bucket.
 *
 * @param start           the bucket's start
 * @param count           how many forecast values met their observation in it
 * @param meanScaledError mean scaled error (MASE-like: seasonal naive scores 1); NaN when no value had a scale
 * @param coverage80      share of observations inside the 80% band, in [0, 1]
 */
public record AccuracyBucket(Instant start, long count, double meanScaledError, double coverage80) {}
