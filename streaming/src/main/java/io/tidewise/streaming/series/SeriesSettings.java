package io.tidewise.streaming.series;

import io.tidewise.core.Frequency;
import io.tidewise.core.Validation;
import java.io.Serializable;

/**
 * How one series is put on a regular grid, how far ahead it is forecast and by which model.
 *
 * @param frequency the spacing of the grid the series is regularized to
 * @param horizon   the number of steps each forecast covers
 * @param model     the registry name of the model its stream names, or null for the job's default model
 */
public record SeriesSettings(Frequency frequency, int horizon, String model) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SeriesSettings {
        Validation.requireNonNull(frequency, "frequency");
        Validation.requirePositive(horizon, "horizon");
        if (model != null) {
            Validation.requireNonBlank(model, "model");
        }
    }

    /** Settings forecast by the default model. */
    public SeriesSettings(Frequency frequency, int horizon) {
        this(frequency, horizon, null);
    }

    /** Core's {@link Frequency} is not serializable: the settings travel as the frequency's text form. */
    private Object writeReplace() {
        return new SerializedForm(frequency.toString(), horizon, model);
    }

    private record SerializedForm(String frequency, int horizon, String model) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new SeriesSettings(Frequency.parse(frequency), horizon, model);
        }
    }
}
