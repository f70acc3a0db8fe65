package io.tidewise.ui.streams;

/**
 * Restarts the streaming job that reads {@code streams/}, so that saved definitions take effect. Only a program that
 * runs the job beside the web app can offer one ({@code ./tidewise run} does, for its embedded job); without one the
 * Streams view says what to restart by hand.
 */
public interface JobRestarter {
    /** Whether the job can be restarted from here now (it runs, and no restart is under way). */
    boolean available();

    /** Which job a restart stops and starts again, e.g. "the embedded Flink job 'tidewise' of ./tidewise run". */
    String describe();

    /**
     * Stops the job with a savepoint and starts it again from that savepoint with the current stream definitions;
     * returns once the new job runs.
     *
     * @throws JobRestartException saying what failed (a restart already under way included)
     */
    RestartResult restart();
}
