package io.tidewise.ui.retrain;

import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;

/**
 * A retraining a modeler asks for: adapt {@code baseModel} ({@code name} or {@code name@version}) to the chosen
 * series' history in {@code from <= time < to}, for at most {@code seconds} (and at most {@code maxSteps} steps).
 */
public record RetrainRequest(String baseModel, List<SeriesId> series, Instant from, Instant to, int seconds,
        int maxSteps) {

    public static final int MAX_SECONDS = 3600;

    public RetrainRequest {
        if (baseModel == null || baseModel.isBlank()) {
            throw new IllegalArgumentException("base model is required, was '" + baseModel + "'");
        }
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must name at least one series, was " + series);
        }
        series = List.copyOf(series);
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, were " + from + " and " + to);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("seconds must be between 1 and " + MAX_SECONDS + ", was " + seconds);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive, was " + maxSteps);
        }
    }
}
