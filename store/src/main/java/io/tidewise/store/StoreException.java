package io.tidewise.store;

/**
 * A store operation failed for good: InfluxDB refused the request (bad data, bad query, no access), or the wait for
 * it was interrupted where {@link InterruptedException} cannot be thrown. The message says which.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
