package io.tidewise.ui.streams;

import java.nio.file.Path;

/**
 * A stream definition that was written.
 *
 * @param needsRestart  always true today: the streaming job reads {@code streams/} when it starts
 * @param restartOffer  the job that can be restarted from the web app to apply it ({@link JobRestarter#describe()}),
 *                      or null when none can (the job then has to be restarted by hand)
 */
public record SaveOutcome(Path file, boolean needsRestart, String restartOffer) {}
