package io.tidewise.cli;

/**
 * What {@code ./tidewise} exits with; scripts branch on these, so they are part of the command line's contract.
 */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Some series could not be used (each is reported on stderr); the others were processed and written. */
    public static final int SOME_SERIES_FAILED = 1;
    /** Wrong options, or an input that cannot be used at all (no usable series, a header that is not the layout). */
    public static final int USAGE = 2;
    /** Anything else: a model that cannot be loaded, an output that cannot be written, a bug. */
    public static final int FAILED = 3;

    private ExitCodes() {}
}
