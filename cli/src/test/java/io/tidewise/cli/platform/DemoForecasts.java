package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.store.InfluxQueries;
import io.tidewise.store.SeriesSummary;
import io.tidewise.store.StoredForecast;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the platform tests (MiniCluster and real cluster) expect of the demo's forecasts in InfluxDB. */
final class DemoForecasts {
    static final List<Domain> DEMO_DOMAINS = List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC);

    private DemoForecasts() {}

    /** The latest forecast of one series per demo domain, as soon as every domain has one or the timeout passes. */
    static Map<Domain, StoredForecast> awaitForecastsOfEveryDomain(InfluxQueries queries, Duration timeout)
            throws InterruptedException {
        Map<Domain, StoredForecast> found = new EnumMap<>(Domain.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < DEMO_DOMAINS.size() && System.nanoTime() < deadline) {
            for (SeriesSummary series : queries.series()) {
                if (found.containsKey(series.domain())) {
                    continue;
                }
                for (String model : queries.models(series.series())) {
                    Optional<StoredForecast> latest = queries.latestForecast(series.series(), model);
                    latest.ifPresent(forecast -> found.put(series.domain(), forecast));
                }
            }
            Thread.sleep(1_000);
        }
        return found;
    }

    /** Each forecast is by {@code model}, has steps, and has its quantiles in order at every step. */
    static void assertWellFormed(Collection<StoredForecast> forecasts, String model) {
        for (StoredForecast forecast : forecasts) {
            assertThat(forecast.forecast().horizon()).isPositive();
            assertThat(forecast.model()).isEqualTo(model);
            forecast.forecast().steps().forEach(step -> assertThat(step.quantiles()).as("quantiles of %s step %d",
                    forecast.forecast().series(), step.step()).isSorted());
        }
    }
}
