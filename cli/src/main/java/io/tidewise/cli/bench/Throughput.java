package io.tidewise.cli.bench;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Series per second of a workload, measured the same way for every contender: one untimed warm-up pass (JIT,
 * allocator, native caches), then whole passes until at least a minimum time has elapsed.
 *
 * @param seriesPerSecond series forecast per second of wall time
 * @param series          series forecast in the timed passes
 * @param elapsed         wall time of the timed passes
 */
record Throughput(double seriesPerSecond, long series, Duration elapsed) {

    /**
     * @param warmUp  one untimed pass; returns the series it forecast
     * @param pass    one timed pass; returns the series it forecast
     * @param minimum the least time to measure for
     */
    static Throughput measure(IntSupplier warmUp, IntSupplier pass, Duration minimum) {
        warmUp.getAsInt();
        long started = System.nanoTime();
        long series = 0;
        long elapsed;
        do {
            series += pass.getAsInt();
            elapsed = System.nanoTime() - started;
        } while (elapsed < minimum.toNanos());
        return new Throughput(series / (elapsed / 1e9), series, Duration.ofNanos(elapsed));
    }
}
