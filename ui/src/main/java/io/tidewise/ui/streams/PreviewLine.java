package io.tidewise.ui.streams;

import io.tidewise.core.Observation;

/**
 * What one pasted sample record maps to: an observation, or the precise error the job would dead-letter it with,
 * or a recognised CSV header line.
 *
 * @param line        the sample's line number, from 1
 * @param observation the observation, or null
 * @param error       the dead-letter error, or null
 */
public record PreviewLine(int line, String record, Observation observation, String error, boolean header) {
    public boolean mapped() {
        return observation != null;
    }
}
