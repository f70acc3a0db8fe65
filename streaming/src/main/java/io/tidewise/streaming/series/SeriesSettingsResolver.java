package io.tidewise.streaming.series;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.io.Serializable;

/** Finds the settings of a series; called on the task managers, so it must be cheap and serializable. */
@FunctionalInterface
public interface SeriesSettingsResolver extends Serializable {

    SeriesSettings resolve(SeriesId series, Domain domain);

    /**
     * The name of the stream a series belongs to, for metrics and log context: {@value #UNCLAIMED} when no stream
     * definition claims it (series of the canonical topic, or a resolver without definitions).
     */
    default String streamOf(SeriesId series, Domain domain) {
        return UNCLAIMED;
    }

    /** The stream name of series no definition claims; the same name dead letters of the canonical topic carry. */
    String UNCLAIMED = "canonical";

    /** The same settings for every series: for a single stream, benchmarks and tests. */
    static SeriesSettingsResolver fixed(SeriesSettings settings) {
        Validation.requireNonNull(settings, "settings");
        return (series, domain) -> settings;
    }
}
