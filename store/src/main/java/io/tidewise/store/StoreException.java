package io.tidewise.store;

/** InfluxDB refused or failed a request in a way that retrying will not mend (bad data, bad query, no access). */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
