package io.tidewise.store;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to InfluxDB for one database: hands out {@link InfluxWriter}s and the {@link InfluxQueries}.
 * Thread-safe; open one per process (or per Flink task) and close it last, after its writers.
 */
public final class InfluxStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxStore.class);

    private final InfluxSettings settings;
    private final InfluxDB client;
    private final InfluxQueries queries;

    private InfluxStore(InfluxSettings settings, InfluxDB client) {
        this.settings = settings;
        this.client = client;
        this.queries = new InfluxQueries(client, settings);
    }

    /**
     * Connects and creates the database if it is missing. Waits, as the settings' retry policy says, for an
     * InfluxDB that is still starting; by default until it answers or the thread is interrupted.
     *
     * @throws StoreException if InfluxDB refuses (e.g. wrong credentials, or no right to create the database)
     */
    public static InfluxStore connect(InfluxSettings settings) throws InterruptedException {
        InfluxStore store = new InfluxStore(settings, openClient(settings));
        try {
            store.retrier((what, attempts, cause) -> { })
                    .call("creating database '" + settings.database() + "'", () -> {
                        store.createDatabaseIfMissing();
                        return null;
                    });
        } catch (InterruptedException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public InfluxSettings settings() {
        return settings;
    }

    /** A new writer with its own buffer; close it (which flushes) before closing the store. */
    public InfluxWriter openWriter() {
        return new InfluxWriter(client, settings, this::retrier);
    }

    public InfluxQueries queries() {
        return queries;
    }

    /** Whether the server answers {@code /ping} now; never retries. */
    public boolean isReachable() {
        try {
            return client.ping().isGood();
        } catch (RuntimeException e) {
            LOG.debug("InfluxDB at {} did not answer /ping", settings.url(), e);
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    Retrier retrier(Retrier.RetryListener listener) {
        return new Retrier(settings.retryPolicy(), settings.url() + "/" + settings.database(),
                this::createDatabaseIfMissing, listener);
    }

    /**
     * {@code CREATE DATABASE} needs admin rights when authentication is on, so it is sent only when
     * {@code SHOW DATABASES} (which lists what the user may see) lacks the database.
     */
    private void createDatabaseIfMissing() {
        QueryResult shown = client.query(new Query("SHOW DATABASES"));
        InfluxQueries.requireNoError(shown, "SHOW DATABASES");
        boolean exists = shown.getResults().stream()
                .filter(result -> result.getSeries() != null)
                .flatMap(result -> result.getSeries().stream())
                .filter(series -> series.getValues() != null)
                .flatMap(series -> series.getValues().stream())
                .anyMatch(row -> List.of(settings.database()).equals(row));
        if (!exists) {
            String statement = "CREATE DATABASE " + InfluxQl.identifier(settings.database());
            InfluxQueries.requireNoError(client.query(new Query(statement)), statement);
            LOG.info("Created database '{}' on {}", settings.database(), settings.url());
        }
    }

    private static InfluxDB openClient(InfluxSettings settings) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // OkHttp's own silent retry would hide failures from the retry policy and its logging.
                .retryOnConnectionFailure(false)
                .addInterceptor(new TransientHttpStatus());
        InfluxDB client = settings.username().isPresent()
                ? InfluxDBFactory.connect(settings.url(), settings.username().get(), settings.password().orElseThrow(),
                        http)
                : InfluxDBFactory.connect(settings.url(), http);
        client.setLogLevel(InfluxDB.LogLevel.NONE);
        return client;
    }
}
