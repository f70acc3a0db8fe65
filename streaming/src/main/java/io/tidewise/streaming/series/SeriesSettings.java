package io.tidewise.streaming.series;

import io.tidewise.core.Frequency;
import io.tidewise.core.Validation;
import java.io.Serializable;

/**
 * How one series is put on a regular grid and how far ahead it is forecast.
 *
 * @param frequency the spacing of the grid the series is regularized to
 * @param horizon   the number of steps each forecast covers
 */
public record SeriesSettings(Frequency frequency, int horizon) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SeriesSettings {
        Validation.requireNonNull(frequency, "frequency");
        Validation.requirePositive(horizon, "horizon");
    }

    /** Core's {@link Frequency} is not serializable: the settings travel as the frequency's text form. */
    private Object writeReplace() {
        return new SerializedForm(frequency.toString(), horizon);
    }

    private record SerializedForm(String frequency, int horizon) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new SeriesSettings(Frequency.parse(frequency), horizon);
        }
    }
}
