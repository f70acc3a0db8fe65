package io.tidewise.store;

import java.time.Duration;
import java.util.function.Supplier;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a request while InfluxDB fails transiently (unreachable, timed out, 408/429/5xx, database missing),
 * waiting as the {@link RetryPolicy} says, and turns every other failure into a {@link StoreException} at once.
 * Sleeping is interruptible: an interrupt ends the retries with {@link InterruptedException}.
 */
final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    /** Told about every failed attempt that will be retried, e.g. to count retries. */
    interface RetryListener {
        void retrying(String what, int failedAttempts, Exception cause);
    }

    private final RetryPolicy policy;
    private final String target;
    private final Runnable createDatabase;
    private final RetryListener listener;

    Retrier(RetryPolicy policy, String target, Runnable createDatabase, RetryListener listener) {
        this.policy = policy;
        this.target = target;
        this.createDatabase = createDatabase;
        this.listener = listener;
    }

    <T> T call(String what, Supplier<T> attempt) throws InterruptedException {
        int failures = 0;
        long firstFailureNanos = 0;
        long lastLogNanos = 0;
        boolean databaseMissing = false;
        while (true) {
            Exception cause;
            try {
                if (databaseMissing) {
                    createDatabase.run();
                    databaseMissing = false;
                }
                T result = attempt.get();
                if (failures > 0) {
                    LOG.info("{} succeeded against {} after {} failed attempts over {} ms", what, target, failures,
                            (System.nanoTime() - firstFailureNanos) / 1_000_000);
                }
                return result;
            } catch (InfluxDBException.DatabaseNotFoundException e) {
                databaseMissing = true;
                cause = e;
            } catch (InfluxDBIOException e) {
                cause = e;
            } catch (InfluxDBException e) {
                throw new StoreException(what + " was refused by InfluxDB at " + target + ": " + e.getMessage(), e);
            }
            failures++;
            long now = System.nanoTime();
            if (failures == 1) {
                firstFailureNanos = now;
            }
            Duration failingFor = Duration.ofNanos(now - firstFailureNanos);
            if (policy.givesUp(failingFor)) {
                throw new StoreUnavailableException(what + " failed against " + target + " for " + failingFor.toMillis()
                        + " ms (" + failures + " attempts), longer than " + policy + " allows: " + describe(cause),
                        cause);
            }
            if (failures == 1 || now - lastLogNanos >= LOG_EVERY.toNanos()) {
                LOG.warn("{} failed against {} (attempt {}, failing for {} ms), retrying: {}", what, target, failures,
                        failingFor.toMillis(), describe(cause));
                lastLogNanos = now;
            }
            listener.retrying(what, failures, cause);
            Thread.sleep(policy.backoff(failures).toMillis());
        }
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
