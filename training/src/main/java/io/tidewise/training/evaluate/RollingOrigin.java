package io.tidewise.training.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation windows (Tashman, 2000) counted back from the end of a series: the last window's
 * actuals are the series' last {@code horizon} values, and each earlier origin lies {@code stride} steps before
 * the next. A window's context is everything before its origin (at most {@code maxContext} values), never a value
 * at or after it. Origins that would leave fewer than {@code minContext} values of context are dropped.
 *
 * <p>Built in DJL's style: {@code set*} required, {@code opt*} optional, {@code build()} validates.
 */
public final class RollingOrigin {
    private final int horizon;
    private final int stride;
    private final int windows;
    private final int minContext;
    private final int maxContext;

    private RollingOrigin(Builder builder) {
        this.horizon = builder.horizon;
        this.stride = builder.stride == 0 ? builder.horizon : builder.stride;
        this.windows = builder.windows;
        this.minContext = builder.minContext;
        this.maxContext = builder.maxContext;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int horizon() {
        return horizon;
    }

    public int stride() {
        return stride;
    }

    public int windows() {
        return windows;
    }

    public int minContext() {
        return minContext;
    }

    public int maxContext() {
        return maxContext;
    }

    /** The windows of a series of {@code length} values, oldest origin first; empty when none fits. */
    public List<Window> windowsFor(int length) {
        List<Window> result = new ArrayList<>();
        for (int k = windows - 1; k >= 0; k--) {
            long origin = (long) length - horizon - (long) k * stride;
            if (origin < minContext || origin < 1) {
                continue;
            }
            int start = (int) Math.max(0, origin - maxContext);
            result.add(new Window(start, (int) origin, horizon));
        }
        return result;
    }

    @Override
    public String toString() {
        return "RollingOrigin[horizon=" + horizon + ", stride=" + stride + ", windows=" + windows + ", minContext="
                + minContext + ", maxContext=" + maxContext + "]";
    }

    /**
     * One evaluation window: context {@code [contextStart, origin)}, actuals {@code [origin, origin + horizon)}.
     */
    public record Window(int contextStart, int origin, int horizon) {

        public Window {
            if (contextStart < 0 || origin <= contextStart || horizon <= 0) {
                throw new IllegalArgumentException("window needs 0 <= contextStart < origin and a positive horizon,"
                        + " was contextStart=" + contextStart + ", origin=" + origin + ", horizon=" + horizon);
            }
        }

        public double[] context(double[] series) {
            return Arrays.copyOfRange(series, contextStart, origin);
        }

        public double[] actual(double[] series) {
            return Arrays.copyOfRange(series, origin, origin + horizon);
        }
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private int horizon;
        private int stride;
        private int windows = 1;
        private int minContext = 1;
        private int maxContext = Integer.MAX_VALUE;

        private Builder() {}

        /** Steps forecast from each origin (required). */
        public Builder setHorizon(int horizon) {
            this.horizon = horizon;
            return this;
        }

        /** Steps between consecutive origins; defaults to the horizon (non-overlapping actuals). */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** How many origins at most, counted back from the end; defaults to 1. */
        public Builder optWindows(int windows) {
            this.windows = windows;
            return this;
        }

        /** The fewest context values a window may have; defaults to 1. */
        public Builder optMinContext(int minContext) {
            this.minContext = minContext;
            return this;
        }

        /** The most context values a window passes on (older ones are cut); defaults to all. */
        public Builder optMaxContext(int maxContext) {
            this.maxContext = maxContext;
            return this;
        }

        public RollingOrigin build() {
            if (horizon <= 0) {
                throw new IllegalArgumentException("horizon must be positive, was " + horizon);
            }
            if (stride < 0) {
                throw new IllegalArgumentException("stride must be positive, was " + stride);
            }
            if (windows <= 0) {
                throw new IllegalArgumentException("windows must be positive, was " + windows);
            }
            if (minContext <= 0) {
                throw new IllegalArgumentException("minContext must be positive, was " + minContext);
            }
            if (maxContext < minContext) {
                throw new IllegalArgumentException("maxContext must be at least minContext (" + minContext + "), was "
                        + maxContext);
            }
            return new RollingOrigin(this);
        }
    }
}
