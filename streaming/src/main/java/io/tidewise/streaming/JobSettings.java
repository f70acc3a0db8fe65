package io.tidewise.streaming;

import io.tidewise.core.QuantileLevels;
import io.tidewise.core.Validation;
import io.tidewise.streaming.inference.ForecasterFactory;
import io.tidewise.streaming.regularize.Aggregation;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything the job graph is built from except its source and sinks. Built in DJL's style: {@code set*} for what
 * is required, {@code opt*} for what has a default, {@link Builder#build()} validates. Used where the graph is
 * built; the operators take what they need from it.
 */
public final class JobSettings {

    private final SeriesSettingsResolver seriesSettings;
    private final ForecasterFactory forecasterFactory;
    private final int contextLength;
    private final Aggregation aggregation;
    private final Duration outOfOrderness;
    private final Duration allowedLateness;
    private final Duration sourceIdleness;
    private final int forecastEvery;
    private final Instant forecastFrom;
    private final int maxBatchSize;
    private final Duration maxBatchDelay;
    private final QuantileLevels levels;
    private final Duration checkpointInterval;

    private JobSettings(Builder builder) {
        seriesSettings = builder.seriesSettings;
        forecasterFactory = builder.forecasterFactory;
        contextLength = builder.contextLength;
        aggregation = builder.aggregation;
        outOfOrderness = builder.outOfOrderness;
        allowedLateness = builder.allowedLateness;
        sourceIdleness = builder.sourceIdleness;
        forecastEvery = builder.forecastEvery;
        forecastFrom = builder.forecastFrom;
        maxBatchSize = builder.maxBatchSize;
        maxBatchDelay = builder.maxBatchDelay;
        levels = builder.levels;
        checkpointInterval = builder.checkpointInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SeriesSettingsResolver seriesSettings() {
        return seriesSettings;
    }

    public ForecasterFactory forecasterFactory() {
        return forecasterFactory;
    }

    /** The most values of a series kept and sent to the model: the model's context length. */
    public int contextLength() {
        return contextLength;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** How far out of order observations may arrive before the watermark passes them. */
    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    /** How long after the watermark passes a step's end its observations are still accepted. */
    public Duration allowedLateness() {
        return allowedLateness;
    }

    /** After how long without records a source split stops holding the watermark back; null: never. */
    public Duration sourceIdleness() {
        return sourceIdleness;
    }

    /** A forecast is made on every this-many observed steps of a series. */
    public int forecastEvery() {
        return forecastEvery;
    }

    /**
     * Steps that start before this event time fill contexts but are not forecast (a backfill of history); null:
     * every step may be forecast.
     */
    public Instant forecastFrom() {
        return forecastFrom;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public Duration maxBatchDelay() {
        return maxBatchDelay;
    }

    public QuantileLevels levels() {
        return levels;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Builds {@link JobSettings}. */
    public static final class Builder {
        private SeriesSettingsResolver seriesSettings;
        private ForecasterFactory forecasterFactory;
        private int contextLength;
        private Aggregation aggregation = Aggregation.LAST;
        private Duration outOfOrderness = Duration.ofSeconds(5);
        private Duration allowedLateness = Duration.ZERO;
        private Duration sourceIdleness;
        private int forecastEvery = 1;
        private Instant forecastFrom;
        private int maxBatchSize = 64;
        private Duration maxBatchDelay = Duration.ofMillis(200);
        private QuantileLevels levels = QuantileLevels.DECILES;
        private Duration checkpointInterval = Duration.ofSeconds(10);

        private Builder() {}

        /** Frequency and horizon per series (required). */
        public Builder setSeriesSettings(SeriesSettingsResolver seriesSettings) {
            this.seriesSettings = seriesSettings;
            return this;
        }

        /** How each task loads its forecaster (required). */
        public Builder setForecasterFactory(ForecasterFactory forecasterFactory) {
            this.forecasterFactory = forecasterFactory;
            return this;
        }

        /** The model's context length, in values (required). */
        public Builder setContextLength(int contextLength) {
            this.contextLength = contextLength;
            return this;
        }

        /** How observations within one step combine; default {@link Aggregation#LAST}. */
        public Builder optAggregation(Aggregation aggregation) {
            this.aggregation = aggregation;
            return this;
        }

        /** Bounded out-of-orderness of the watermarks; default 5 s. */
        public Builder optOutOfOrderness(Duration outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            return this;
        }

        /** Lateness accepted after the watermark passes a step; default none. */
        public Builder optAllowedLateness(Duration allowedLateness) {
            this.allowedLateness = allowedLateness;
            return this;
        }

        /** Idleness after which a quiet source split no longer holds the watermark; default never. */
        public Builder optSourceIdleness(Duration sourceIdleness) {
            this.sourceIdleness = sourceIdleness;
            return this;
        }

        /** Forecast on every k-th observed step; default 1 (every step). */
        public Builder optForecastEvery(int forecastEvery) {
            this.forecastEvery = forecastEvery;
            return this;
        }

        /**
         * Forecast only steps that start at or after this event time; earlier steps only fill the contexts.
         * Event time, not wall time, so a replay forecasts exactly the same steps. Default null: every step.
         */
        public Builder optForecastFrom(Instant forecastFrom) {
            this.forecastFrom = forecastFrom;
            return this;
        }

        /** Requests per inference batch at most; default 64. */
        public Builder optMaxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** Longest a request waits for its batch to fill; default 200 ms. */
        public Builder optMaxBatchDelay(Duration maxBatchDelay) {
            this.maxBatchDelay = maxBatchDelay;
            return this;
        }

        /** Forecast quantile levels; must include 0.1, 0.5 and 0.9; default deciles. */
        public Builder optLevels(QuantileLevels levels) {
            this.levels = levels;
            return this;
        }

        /** Checkpoint interval; default 10 s. */
        public Builder optCheckpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        public JobSettings build() {
            Validation.requireNonNull(seriesSettings, "series settings");
            Validation.requireNonNull(forecasterFactory, "forecaster factory");
            Validation.requirePositive(contextLength, "context length");
            Validation.requireNonNull(aggregation, "aggregation");
            requireNotNegative(outOfOrderness, "out-of-orderness");
            requireNotNegative(allowedLateness, "allowed lateness");
            if (sourceIdleness != null) {
                requirePositive(sourceIdleness, "source idleness");
            }
            Validation.requirePositive(forecastEvery, "forecast every (steps)");
            Validation.requirePositive(maxBatchSize, "max batch size");
            requirePositive(maxBatchDelay, "max batch delay");
            Validation.requireNonNull(levels, "levels");
            for (double required : new double[] {0.1, 0.5, 0.9}) {
                if (!contains(levels, required)) {
                    throw new IllegalArgumentException("levels must include " + required
                            + " (live accuracy scores the median and the 10%-90% band), was " + levels);
                }
            }
            requirePositive(checkpointInterval, "checkpoint interval");
            return new JobSettings(this);
        }

        private static boolean contains(QuantileLevels levels, double level) {
            for (int i = 0; i < levels.size(); i++) {
                if (Math.abs(levels.level(i) - level) < 1e-9) {
                    return true;
                }
            }
            return false;
        }

        private static void requireNotNegative(Duration duration, String field) {
            Validation.requireNonNull(duration, field);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(field + " must not be negative, was " + duration);
            }
        }

        private static void requirePositive(Duration duration, String field) {
            Validation.requireNonNull(duration, field);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(field + " must be positive, was " + duration);
            }
        }
    }
}
