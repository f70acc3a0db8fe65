package io.tidewise.ui.streams;

import java.nio.file.Path;

/**
 * A stream definition that was written.
 *
 * @param needsRestart always true today: the streaming job reads {@code streams/} when it starts
 */
public record SaveOutcome(Path file, boolean needsRestart) {}
