/**
 * Seeded synthetic series for the three demo domains ({@link io.tidewise.ingest.generate.SyntheticSeries}: stock
 * prices with clustered volatility, monthly economic indicators, 5-minute traffic counts with incidents) and the
 * {@link io.tidewise.ingest.generate.SyntheticProducer} that sends them in a stream's native layout.
 */
package io.tidewise.ingest.generate;
