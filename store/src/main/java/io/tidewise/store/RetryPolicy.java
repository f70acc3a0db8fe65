package io.tidewise.store;

import io.tidewise.core.Validation;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * How long to wait between attempts at a request InfluxDB failed transiently (unreachable, timed out, 5xx), and
 * when to give up. Waits grow exponentially from the initial backoff up to the maximum. By default it never gives
 * up: the caller stays blocked (backpressure) until InfluxDB answers or the thread is interrupted.
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final Duration giveUpAfter;

    private RetryPolicy(Builder builder) {
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.multiplier = builder.multiplier;
        this.giveUpAfter = builder.giveUpAfter;
    }

    /** 100 ms doubling up to 5 s, never giving up. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first failure). */
    public Duration backoff(int attempt) {
        Validation.requirePositive(attempt, "attempt");
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    /** Whether retrying should stop once this much time has passed since the first failed attempt. */
    public boolean givesUp(Duration elapsed) {
        return giveUpAfter != null && elapsed.compareTo(giveUpAfter) >= 0;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    /** Empty when it never gives up. */
    public Optional<Duration> giveUpAfter() {
        return Optional.ofNullable(giveUpAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy[initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", multiplier="
                + multiplier + ", giveUpAfter=" + (giveUpAfter == null ? "never" : giveUpAfter) + "]";
    }

    /** Every value is optional; {@link #build()} checks that they fit together. */
    public static final class Builder {
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private double multiplier = 2.0;
        private Duration giveUpAfter;

        private Builder() {}

        public Builder optInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder optMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder optMultiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** Give up (throw {@link StoreUnavailableException}) once failures have lasted this long; null: never. */
        public Builder optGiveUpAfter(Duration giveUpAfter) {
            this.giveUpAfter = giveUpAfter;
            return this;
        }

        public RetryPolicy build() {
            requirePositive(initialBackoff, "initialBackoff");
            requirePositive(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be at least initialBackoff (" + initialBackoff
                        + "), was " + maxBackoff);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("multiplier must be a finite number of at least 1, was " + multiplier);
            }
            if (giveUpAfter != null && (giveUpAfter.isNegative() || giveUpAfter.isZero())) {
                throw new IllegalArgumentException("giveUpAfter must be positive or null (never), was " + giveUpAfter);
            }
            return new RetryPolicy(this);
        }

        private static void requirePositive(Duration duration, String field) {
            Validation.requireNonNull(duration, field);
            if (duration.isNegative() || duration.toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1 ms, was " + duration);
            }
        }
    }
}
