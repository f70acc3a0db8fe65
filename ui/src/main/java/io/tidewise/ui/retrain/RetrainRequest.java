package io.tidewise.ui.retrain;

import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;

/**
 * A retraining a modeler asks for: adapt {@code baseModel} ({@code name} or {@code name@version}) to the chosen
 * series' history in {@code from <= time < to}, for forecasts {@code horizon} steps ahead, for at most
 * {@code seconds} (and at most {@code maxSteps} steps). The horizon decides what the run is judged on: adaptation
 * keeps the parameters that forecast best that far ahead, and the last {@code horizon} steps of every series are held
 * out to score the new version.
 */
public record RetrainRequest(String baseModel, List<SeriesId> series, Instant from, Instant to, int horizon,
        int seconds, int maxSteps) {

    public static final int MAX_SECONDS = 3600;
    /** The longest horizon, as for the what-if forecast. */
    public static final int MAX_HORIZON = 512;
    /** The form's first value, as the what-if forecast's. */
    public static final int DEFAULT_HORIZON = 12;

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
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be between 1 and " + MAX_HORIZON + ", was " + horizon);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("seconds must be between 1 and " + MAX_SECONDS + ", was " + seconds);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive, was " + maxSteps);
        }
    }
}
