package io.tidewise.ui.browser;

import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.AccuracyRecord;
import io.tidewise.store.InfluxWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Observations and a forecast with values the browser test can check on the page: an hourly stock series of 72
 * values (a daily cycle around 100), a forecast issued at hour 60 for 24 hours whose median is 100 + step and whose
 * band is +-5 (10-90%) and +-3 (20-80%), and one realized value (hour 64) far outside the band: the anomaly.
 */
final class KnownData {
    static final SeriesId STOCK = SeriesId.of("stock/TEST/close");
    static final SeriesId TRAFFIC = SeriesId.of("traffic/S1/volume");
    static final String MODEL = "default@1";
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    static final int OBSERVED = 72;
    static final int ISSUED_AT_HOUR = 60;
    static final int HORIZON = 24;
    static final int ANOMALY_HOUR = 64;
    static final double ANOMALY_VALUE = 160.0;

    private KnownData() {}

    static Instant hour(int hour) {
        return START.plus(Duration.ofHours(hour));
    }

    static double observed(int hour) {
        if (hour == ANOMALY_HOUR) {
            return ANOMALY_VALUE;
        }
        return 100 + (hour - ISSUED_AT_HOUR) + Math.sin(2 * Math.PI * hour / 24.0);
    }

    static double median(int step) {
        return 100 + step;
    }

    static void write(InfluxWriter writer) throws InterruptedException {
        List<Observation> observations = new ArrayList<>();
        for (int hour = 0; hour < OBSERVED; hour++) {
            observations.add(new Observation(STOCK, hour(hour), observed(hour), Domain.STOCK));
            observations.add(new Observation(TRAFFIC, hour(hour), 400 + 50 * Math.sin(hour / 3.0), Domain.TRAFFIC));
        }
        writer.writeObservations(observations);
        double[] offsets = {-5, -3, -2, -1, 0, 1, 2, 3, 5}; // p10..p90
        List<ForecastStep> steps = new ArrayList<>();
        for (int step = 1; step <= HORIZON; step++) {
            double[] quantiles = new double[offsets.length];
            for (int q = 0; q < offsets.length; q++) {
                quantiles[q] = median(step) + offsets[q];
            }
            steps.add(new ForecastStep(step, hour(ISSUED_AT_HOUR + step), median(step), quantiles));
        }
        writer.writeForecast(new Forecast(STOCK, QuantileLevels.DECILES, steps), MODEL, hour(ISSUED_AT_HOUR));
        for (int hour = ISSUED_AT_HOUR + 1; hour < OBSERVED; hour++) {
            double error = Math.abs(observed(hour) - median(hour - ISSUED_AT_HOUR));
            writer.writeAccuracy(new AccuracyRecord(STOCK, MODEL, hour(hour), error, error / 2, error <= 5));
        }
        writer.flush();
    }
}
