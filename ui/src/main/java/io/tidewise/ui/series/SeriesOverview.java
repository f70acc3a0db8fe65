package io.tidewise.ui.series;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the Series list.
 *
 * @param recentValues  the newest observations, oldest first, for the sparkline
 * @param model         the model whose accuracy and band are shown, or null when none forecast the series
 * @param mase          live mean scaled error (MASE against seasonal naive) of that model; NaN when unknown
 * @param coverage80    live share of observations inside its 10%..90% band; NaN when unknown
 * @param anomalyNow    whether the latest observation fell outside the band of the forecast stored for its time
 * @param newestAnomaly the time of the newest observation outside the band among the recent ones, or null
 * @param tags          the tags of the stream definition the series comes from, with {@code stream=NAME}
 */
public record SeriesOverview(SeriesId series, Domain domain, Instant lastTime, double lastValue,
        double[] recentValues, String model, double mase, double coverage80, boolean anomalyNow,
        Instant newestAnomaly, Map<String, String> tags) {

    public SeriesOverview {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
