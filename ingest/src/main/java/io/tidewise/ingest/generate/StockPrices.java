package io.tidewise.ingest.generate;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Minute closing prices: a geometric random walk whose volatility clusters as in a GARCH(1,1) process (a large
 * move raises the variance of the next ones, which decays back to its long-run level), with a small drift and
 * prices kept to cents. Trading runs around the clock: gaps for closed markets are the regularizer's business, not
 * a generator's.
 */
public final class StockPrices extends SyntheticSeries {
    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA", "JPM", "XOM",
            "KO", "PEP", "WMT", "DIS", "NFLX", "INTC", "IBM", "ORCL", "CSCO", "BA", "GE"};

    /** Long-run variance of one-minute log returns: about 2% daily volatility over 390 trading minutes. */
    private static final double LONG_RUN_VARIANCE = Math.pow(0.02 / Math.sqrt(390), 2);
    private static final double ALPHA = 0.08; // weight of the last squared shock
    private static final double BETA = 0.90; // persistence of variance
    private static final double OMEGA = LONG_RUN_VARIANCE * (1 - ALPHA - BETA);

    private final Random random;
    private final double[] logPrice;
    private final double[] variance;
    private final double[] drift;

    StockPrices(int seriesCount, long seed, Instant start) {
        super(Domain.STOCK, Frequency.parse("1m"), start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                ids(requireSeriesCount(seriesCount)));
        this.random = new Random(seed);
        this.logPrice = new double[seriesCount];
        this.variance = new double[seriesCount];
        this.drift = new double[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            logPrice[i] = Math.log(20 + random.nextDouble() * 480);
            variance[i] = LONG_RUN_VARIANCE * (0.5 + random.nextDouble());
            drift[i] = (random.nextDouble() - 0.45) * 1e-5;
        }
    }

    private static List<SeriesId> ids(int count) {
        List<SeriesId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String symbol = i < SYMBOLS.length ? SYMBOLS[i] : String.format("TW%04d", i);
            ids.add(SeriesId.of("stock/" + symbol + "/close"));
        }
        return ids;
    }

    @Override
    protected double value(int index, long step, Instant time) {
        if (step > 0) {
            double shock = Math.sqrt(variance[index]) * random.nextGaussian();
            logPrice[index] += drift[index] + shock;
            variance[index] = OMEGA + ALPHA * shock * shock + BETA * variance[index];
        }
        return Math.max(0.01, Math.round(Math.exp(logPrice[index]) * 100) / 100.0);
    }
}
