package io.tidewise.ingest.generate;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An endless, seeded set of synthetic series of one domain, stepping at one frequency: {@link #next()} returns the
 * observations in event-time order, every series at step t before any at step t+1 (series in id order within a
 * step). The same seed, series count and start give the same observations.
 */
public abstract class SyntheticSeries {
    private final Domain domain;
    private final Frequency frequency;
    private final Instant start;
    private final List<SeriesId> series;
    private long step;
    private int nextSeries;

    protected SyntheticSeries(Domain domain, Frequency frequency, Instant start, List<SeriesId> series) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        this.start = Objects.requireNonNull(start, "start");
        this.series = List.copyOf(series);
        if (this.series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series id, was empty");
        }
    }

    /**
     * The generator of a domain with its standard series ids (those the example stream definitions in
     * {@code streams/} accept): {@code stock/SYMBOL/close}, {@code economy/COUNTRY/INDICATOR},
     * {@code traffic/SENSOR/volume}.
     *
     * @throws IllegalArgumentException for a domain without a generator
     */
    public static SyntheticSeries forDomain(Domain domain, int seriesCount, long seed, Instant start) {
        return switch (Objects.requireNonNull(domain, "domain")) {
            case STOCK -> new StockPrices(seriesCount, seed, start);
            case ECONOMY -> new EconomicIndicators(seriesCount, seed, start);
            case TRAFFIC -> new TrafficCounts(seriesCount, seed, start);
            default -> throw new IllegalArgumentException("domain must be one of stock, economy, traffic for "
                    + "synthetic series, was " + domain.wireName());
        };
    }

    static int requireSeriesCount(int seriesCount) {
        if (seriesCount <= 0) {
            throw new IllegalArgumentException("series must be positive, was " + seriesCount);
        }
        return seriesCount;
    }

    public Domain domain() {
        return domain;
    }

    public Frequency frequency() {
        return frequency;
    }

    public List<SeriesId> series() {
        return series;
    }

    /** The next observation in event-time order. */
    public final Observation next() {
        int index = nextSeries;
        Instant time = frequency.add(start, step);
        double value = value(index, step, time);
        nextSeries++;
        if (nextSeries == series.size()) {
            nextSeries = 0;
            step++;
        }
        return new Observation(series.get(index), time, value, domain);
    }

    /**
     * The value of series {@code index} at {@code step}; called for steps in increasing order, every series once per
     * step, in index order, so implementations may keep state per series.
     */
    protected abstract double value(int index, long step, Instant time);
}
