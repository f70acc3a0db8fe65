package io.tidewise.ui.forecast;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.AccuracyBucket;
import io.tidewise.store.AccuracySummary;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.InfluxQueries;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.StoredForecast;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** A series' history and stored forecasts for the Forecast view, and its latest forecast as CSV. */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class ForecastService {
    private final InfluxConnection influx;

    public ForecastService(InfluxConnection influx) {
        this.influx = influx;
    }

    /** The models ({@code name@version}) with stored forecasts for the series. */
    public List<String> models(SeriesId series) {
        return influx.queries().models(series);
    }

    /**
     * History, stored forecasts and anomalies of a series by one model.
     *
     * @param historyRange how far back from the newest observation to show; null for all of it
     */
    public ForecastChartData chartData(SeriesId series, String model, Duration historyRange) {
        InfluxQueries queries = influx.queries();
        List<Observation> all = queries.history(series);
        Instant from = all.isEmpty() || historyRange == null ? InfluxSchema.EARLIEST_TIME
                : all.get(all.size() - 1).timestamp().minus(historyRange);
        List<Observation> shown = all.stream().filter(o -> !o.timestamp().isBefore(from)).toList();
        Optional<ForecastTrack> track = model == null ? Optional.empty()
                : queries.forecastTrack(series, model, from, InfluxSchema.LATEST_TIME);
        Optional<StoredForecast> latest = model == null ? Optional.empty() : queries.latestForecast(series, model);
        List<Observation> anomalies = track.map(t -> BandCheck.outsideBand(shown, t)).orElse(List.of());
        return new ForecastChartData(series, model, shown, track, latest, anomalies);
    }

    /**
     * The live accuracy of every model on the series over all stored time, from the {@code accuracy} measurement
     * the job writes when an observation meets its forecast. Its MASE divides by the seasonal-naive error, so
     * seasonal naive itself would score 1.
     */
    public List<AccuracySummary> accuracy(SeriesId series) {
        return influx.queries().accuracy(series, InfluxSchema.EARLIEST_TIME, InfluxSchema.LATEST_TIME);
    }

    /** Buckets an accuracy chart is cut into over the shown range, at most. */
    static final int ACCURACY_BUCKETS = 60;

    /**
     * The live accuracy of one model on the series over time, in at most {@value #ACCURACY_BUCKETS} buckets
     * (at least a minute each) across the range of the chart data.
     */
    public List<AccuracyBucket> accuracyOverTime(ForecastChartData data) {
        if (data.model() == null || data.observations().isEmpty()) {
            return List.of();
        }
        Instant from = data.observations().get(0).timestamp();
        Instant to = data.observations().get(data.observations().size() - 1).timestamp().plusNanos(1);
        long seconds = Math.max(60, Duration.between(from, to).getSeconds() / ACCURACY_BUCKETS + 1);
        return influx.queries().accuracyOverTime(data.series(), data.model(), from, to, Duration.ofSeconds(seconds));
    }

    /** The latest forecast in the {@code forecast} command's CSV layout; empty when the model stored none. */
    public Optional<String> latestForecastCsv(SeriesId series, String model) {
        return influx.queries().latestForecast(series, model).map(stored -> ForecastCsv.write(stored.forecast()));
    }
}
