package io.tidewise.ui.influx;

import io.tidewise.store.InfluxQueries;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.RetryPolicy;
import io.tidewise.store.StoreUnavailableException;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.metrics.AppMetrics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The app's one connection to InfluxDB, opened on first use rather than at start: the app must come up (and show
 * Health saying what to do) while InfluxDB is away. A failed connect is tried again on the next use. Only services
 * use it; views never see it.
 */
@Component
public class InfluxConnection {
    private final InfluxSettings settings;
    private InfluxStore store;

    public InfluxConnection(UiSettings ui) {
        this.settings = InfluxSettings.builderFromEnvironment(System.getenv())
                .setUrl(ui.influxUrl())
                .optDatabase(ui.influxDatabase())
                // a page waits for a query, so give up quickly and say so
                .optRetryPolicy(RetryPolicy.builder().optGiveUpAfter(Duration.ofSeconds(2)).build())
                .optConnectTimeout(Duration.ofSeconds(2))
                .optRequestTimeout(Duration.ofSeconds(15))
                .build();
    }

    public String url() {
        return settings.url();
    }

    /** @throws StoreUnavailableException when InfluxDB does not answer */
    public synchronized InfluxQueries queries() {
        return store().queries();
    }

    /** Whether InfluxDB answers {@code /ping} now. */
    public boolean isReachable() {
        InfluxStore current;
        synchronized (this) {
            current = store;
        }
        if (current != null) {
            return current.isReachable();
        }
        try {
            return store().isReachable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private synchronized InfluxStore store() {
        if (store == null) {
            try {
                store = InfluxStore.connect(settings);
                store.queries().onEachQuery(AppMetrics::influxQuery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("connecting to InfluxDB at " + settings.url()
                        + " was interrupted", e);
            }
        }
        return store;
    }

    @PreDestroy
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
