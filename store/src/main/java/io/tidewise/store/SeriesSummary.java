package io.tidewise.store;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import java.time.Instant;

/** A series known to the store, with its domain and its latest observation. */
public record SeriesSummary(SeriesId series, Domain domain, Instant lastTime, double lastValue) {}
