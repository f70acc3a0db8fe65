package io.tidewise.store;

/**
 * InfluxDB stayed unreachable or failing for longer than the {@link RetryPolicy} allows. Never thrown with the
 * default policy, which retries until it succeeds or the thread is interrupted. Points not yet written stay buffered.
 */
public class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
