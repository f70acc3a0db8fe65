package io.tidewise.streaming.metrics;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys {@value #STREAM} and {@value #SERIES} set around per-record and per-series work, so that every
 * log line written meanwhile (the operators', the forecaster's, the store's) names what it was about; the logback
 * patterns print them as {@code [stream=... series=...]}.
 */
public final class LogContext implements AutoCloseable {
    public static final String STREAM = "stream";
    public static final String SERIES = "series";

    private final String previousStream;
    private final String previousSeries;

    private LogContext(String stream, String series) {
        previousStream = MDC.get(STREAM);
        previousSeries = MDC.get(SERIES);
        put(STREAM, stream);
        put(SERIES, series);
    }

    /** Sets both keys until {@link #close}, which restores what was there (contexts nest). */
    public static LogContext of(String stream, String series) {
        return new LogContext(stream, series);
    }

    @Override
    public void close() {
        put(STREAM, previousStream);
        put(SERIES, previousSeries);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
