package io.tidewise.ui.forecast;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.StoredForecast;
import java.util.List;
import java.util.Optional;

/**
 * What the Forecast view draws for one series and model.
 *
 * @param observations what was observed in the chosen history range, oldest first
 * @param track        the forecast stored at each time of the range and beyond (the latest made for each time)
 * @param latest       the most recent forecast, whose issue time splits history from realized values
 * @param anomalies    observations outside the 10%..90% band of the forecast stored for their time
 */
public record ForecastChartData(
        SeriesId series,
        String model,
        List<Observation> observations,
        Optional<ForecastTrack> track,
        Optional<StoredForecast> latest,
        List<Observation> anomalies) {

    public ForecastChartData {
        observations = List.copyOf(observations);
        anomalies = List.copyOf(anomalies);
    }
}
