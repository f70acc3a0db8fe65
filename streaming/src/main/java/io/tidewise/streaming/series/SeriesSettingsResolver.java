package io.tidewise.streaming.series;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.io.Serializable;

/** Finds the settings of a series; called on the task managers, so it must be cheap and serializable. */
@FunctionalInterface
public interface SeriesSettingsResolver extends Serializable {

    SeriesSettings resolve(SeriesId series, Domain domain);

    /** The same settings for every series: for a single stream, benchmarks and tests. */
    static SeriesSettingsResolver fixed(SeriesSettings settings) {
        Validation.requireNonNull(settings, "settings");
        return (series, domain) -> settings;
    }
}
