package io.tidewise.ui.streams;

/** A job restart that was refused or failed; the message says which and why. */
public class JobRestartException extends RuntimeException {
    public JobRestartException(String message) {
        super(message);
    }

    public JobRestartException(String message, Throwable cause) {
        super(message, cause);
    }
}
