package io.tidewise.ui.series;

import io.tidewise.core.Observation;
import io.tidewise.store.AccuracySummary;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.InfluxQueries;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.SeriesSummary;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.forecast.BandCheck;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The Series list: every series in InfluxDB with its latest value, a sparkline of recent values, the live accuracy
 * of the model that forecasts it most (from the {@code accuracy} measurement) and whether its latest observation
 * fell outside that model's 10%..90% band.
 */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class SeriesService {
    /** Observations per sparkline, and the window anomalies are looked for in. */
    static final int RECENT = 60;

    private final InfluxConnection influx;
    private final Path streamsDirectory;

    public SeriesService(InfluxConnection influx, UiSettings settings) {
        this.influx = influx;
        this.streamsDirectory = settings.streamsDir();
    }

    public List<SeriesOverview> overview() {
        InfluxQueries queries = influx.queries();
        StreamTags tags = StreamTags.of(streamsDirectory);
        Map<String, List<AccuracySummary>> accuracyBySeries = queries
                .accuracy(InfluxSchema.EARLIEST_TIME, InfluxSchema.LATEST_TIME).stream()
                .collect(Collectors.groupingBy(summary -> summary.series().value()));
        List<SeriesOverview> rows = new ArrayList<>();
        for (SeriesSummary summary : queries.series()) {
            List<Observation> recent = queries.latestObservations(summary.series(), RECENT);
            Optional<AccuracySummary> accuracy = accuracyBySeries.getOrDefault(summary.series().value(), List.of())
                    .stream().max(Comparator.comparingLong(AccuracySummary::count));
            String model = accuracy.map(AccuracySummary::model)
                    .orElseGet(() -> queries.models(summary.series()).stream().findFirst().orElse(null));
            List<Observation> outside = List.of();
            if (model != null && !recent.isEmpty()) {
                Instant from = recent.get(0).timestamp();
                Instant to = summary.lastTime().plusNanos(1);
                Optional<ForecastTrack> track = queries.forecastTrack(summary.series(), model, from, to);
                outside = track.map(t -> BandCheck.outsideBand(recent, t)).orElse(List.of());
            }
            Instant newestAnomaly = outside.isEmpty() ? null : outside.get(outside.size() - 1).timestamp();
            rows.add(new SeriesOverview(summary.series(), summary.domain(), summary.lastTime(), summary.lastValue(),
                    recent.stream().mapToDouble(Observation::value).toArray(), model,
                    accuracy.map(AccuracySummary::meanScaledError).orElse(Double.NaN),
                    accuracy.map(AccuracySummary::coverage80).orElse(Double.NaN),
                    summary.lastTime().equals(newestAnomaly), newestAnomaly, tags.of(summary.series())));
        }
        return rows;
    }
}
