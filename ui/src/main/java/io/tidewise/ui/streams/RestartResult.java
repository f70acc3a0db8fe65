package io.tidewise.ui.streams;

import java.time.Duration;

/**
 * A restart that succeeded.
 *
 * @param savepoint where the stopped job's state was written and the new job resumed from
 * @param took      from the stop request until the new job ran
 * @param state     what of the savepoint's state the new job took over, in words
 */
public record RestartResult(String savepoint, Duration took, String state) {}
