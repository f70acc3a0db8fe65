package io.tidewise.model.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * How a series model reads and answers, recorded with its weights so that forecasting feeds it exactly what
 * training did.
 *
 * @param contextLength  values of history the model reads (older ones are ignored); shorter contexts are
 *                       left-padded with missing values up to this length
 * @param reach          R, values one forward pass predicts (patch models: the quantile head's reach; bin models:
 *                       tokens generated per pass before the window slides)
 * @param quantileLevels the levels the quantile head was trained for (patch models), strictly increasing in (0, 1);
 *                       empty for bin models, whose quantiles come from samples
 */
public record SeriesHeadConfig(
        @JsonProperty("contextLength") int contextLength,
        @JsonProperty("reach") int reach,
        @JsonProperty("quantileLevels") double[] quantileLevels) {

    @JsonCreator
    public SeriesHeadConfig {
        if (contextLength <= 0) {
            throw new IllegalArgumentException("series.contextLength must be positive, was " + contextLength);
        }
        if (reach <= 0) {
            throw new IllegalArgumentException("series.reach must be positive, was " + reach);
        }
        quantileLevels = quantileLevels == null ? new double[0] : quantileLevels.clone();
        for (int i = 0; i < quantileLevels.length; i++) {
            double level = quantileLevels[i];
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException(
                        "series.quantileLevels[" + i + "] must lie strictly between 0 and 1, was " + level);
            }
            if (i > 0 && level <= quantileLevels[i - 1]) {
                throw new IllegalArgumentException("series.quantileLevels must be strictly increasing, but "
                        + level + " follows " + quantileLevels[i - 1]);
            }
        }
    }

    @Override
    public double[] quantileLevels() {
        return quantileLevels.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SeriesHeadConfig that
                && contextLength == that.contextLength
                && reach == that.reach
                && Arrays.equals(quantileLevels, that.quantileLevels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * contextLength + reach) + Arrays.hashCode(quantileLevels);
    }

    @Override
    public String toString() {
        return "SeriesHeadConfig[contextLength=" + contextLength + ", reach=" + reach + ", quantileLevels="
                + Arrays.toString(quantileLevels) + "]";
    }
}
