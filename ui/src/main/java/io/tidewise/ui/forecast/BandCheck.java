package io.tidewise.ui.forecast;

import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which observations fell outside the 10%..90% band of the forecast stored for their time: the anomalies the
 * Series list flags and the Forecast chart marks. An observation without a stored forecast at its time is not
 * judged.
 */
public final class BandCheck {
    public static final double LOWER = 0.1;
    public static final double UPPER = 0.9;

    private BandCheck() {}

    /** The observations outside the band, oldest first; empty when the track lacks the 10% or 90% level. */
    public static List<Observation> outsideBand(List<Observation> observations, ForecastTrack track) {
        OptionalInt lower = levelIndex(track.levels(), LOWER);
        OptionalInt upper = levelIndex(track.levels(), UPPER);
        if (lower.isEmpty() || upper.isEmpty()) {
            return List.of();
        }
        Map<Instant, ForecastValue> byTime = new HashMap<>();
        for (ForecastValue value : track.values()) {
            byTime.put(value.time(), value);
        }
        List<Observation> outside = new ArrayList<>();
        for (Observation observation : observations) {
            ForecastValue forecast = byTime.get(observation.timestamp());
            if (forecast != null && (observation.value() < forecast.quantile(lower.getAsInt())
                    || observation.value() > forecast.quantile(upper.getAsInt()))) {
                outside.add(observation);
            }
        }
        return outside;
    }

    /** The index of {@code level} among {@code levels}, compared within 1e-9. */
    public static OptionalInt levelIndex(QuantileLevels levels, double level) {
        for (int i = 0; i < levels.size(); i++) {
            if (Math.abs(levels.level(i) - level) < 1e-9) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
