package io.tidewise.store;

import io.tidewise.core.Validation;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where InfluxDB is and how to talk to it. Credentials come from configuration (the environment variables below or
 * the caller's own settings), never from code. {@link #toString()} never shows the password.
 *
 * <ul>
 *   <li>{@value #ENV_URL}: the base URL, e.g. {@code http://127.0.0.1:8086}
 *   <li>{@value #ENV_DATABASE}: the database, {@value InfluxSchema#DEFAULT_DATABASE} when unset
 *   <li>{@value #ENV_USER}, {@value #ENV_PASSWORD}: optional; InfluxDB without authentication needs neither
 * </ul>
 */
public final class InfluxSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ENV_URL = "TIDEWISE_INFLUX_URL";
    public static final String ENV_DATABASE = "TIDEWISE_INFLUX_DATABASE";
    public static final String ENV_USER = "TIDEWISE_INFLUX_USER";
    public static final String ENV_PASSWORD = "TIDEWISE_INFLUX_PASSWORD";

    private final String url;
    private final String database;
    private final String username;
    private final String password;
    private final RetryPolicy retryPolicy;
    private final int batchSize;
    private final Duration flushInterval;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private InfluxSettings(Builder builder) {
        this.url = builder.url;
        this.database = builder.database;
        this.username = builder.username;
        this.password = builder.password;
        this.retryPolicy = builder.retryPolicy;
        this.batchSize = builder.batchSize;
        this.flushInterval = builder.flushInterval;
        this.connectTimeout = builder.connectTimeout;
        this.requestTimeout = builder.requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding whatever of {@value #ENV_URL}, {@value #ENV_DATABASE}, {@value #ENV_USER} and
     * {@value #ENV_PASSWORD} the given environment sets; command-line options can then override them.
     */
    public static Builder builderFromEnvironment(Map<String, String> environment) {
        Validation.requireNonNull(environment, "environment");
        Builder builder = builder();
        String url = blankToNull(environment.get(ENV_URL));
        if (url != null) {
            builder.setUrl(url);
        }
        String database = blankToNull(environment.get(ENV_DATABASE));
        if (database != null) {
            builder.optDatabase(database);
        }
        String user = blankToNull(environment.get(ENV_USER));
        String password = environment.get(ENV_PASSWORD);
        if (user != null || password != null) {
            builder.optCredentials(user, password);
        }
        return builder;
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    /** Empty when InfluxDB is used without authentication. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Present exactly when {@link #username()} is. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Points per write request; a writer whose buffer reaches it writes at once. */
    public int batchSize() {
        return batchSize;
    }

    /** The longest a point waits in a writer's buffer before a background flush writes it. */
    public Duration flushInterval() {
        return flushInterval;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one request may take before it counts as failed (and is retried: writes are idempotent). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The same settings with another database; tests use it to isolate themselves on one server. */
    public InfluxSettings withDatabase(String otherDatabase) {
        return toBuilder().optDatabase(otherDatabase).build();
    }

    public Builder toBuilder() {
        Builder builder = builder()
                .setUrl(url)
                .optDatabase(database)
                .optRetryPolicy(retryPolicy)
                .optBatchSize(batchSize)
                .optFlushInterval(flushInterval)
                .optConnectTimeout(connectTimeout)
                .optRequestTimeout(requestTimeout);
        if (username != null) {
            builder.optCredentials(username, password);
        }
        return builder;
    }

    @Override
    public String toString() {
        return "InfluxSettings[url=" + url + ", database=" + database + ", username=" + username + ", password="
                + (password == null ? "none" : "***") + ", batchSize=" + batchSize + ", flushInterval="
                + flushInterval + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", "
                + retryPolicy + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code setUrl} is required; everything else has a default. */
    public static final class Builder {
        private String url;
        private String database = InfluxSchema.DEFAULT_DATABASE;
        private String username;
        private String password;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int batchSize = 5000;
        private Duration flushInterval = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);

        private Builder() {}

        public Builder setUrl(String url) {
            this.url = url;
            return this;
        }

        public Builder optDatabase(String database) {
            this.database = database;
            return this;
        }

        /** Both or neither: a user without a password (or the reverse) is refused by {@link #build()}. */
        public Builder optCredentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder optRetryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        public Builder optConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder optRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public InfluxSettings build() {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url of InfluxDB is required (set " + ENV_URL
                        + ", e.g. http://127.0.0.1:8086), was " + (url == null ? "null" : "'" + url + "'"));
            }
            url = normalizeUrl(url.strip());
            Validation.requireNonBlank(database, "database");
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("username and password must be given together (" + ENV_USER + ", "
                        + ENV_PASSWORD + "), but only the " + (username == null ? "password" : "username")
                        + " was set");
            }
            if (username != null) {
                Validation.requireNonBlank(username, "username");
            }
            Validation.requireNonNull(retryPolicy, "retryPolicy");
            Validation.requirePositive(batchSize, "batchSize");
            requirePositive(flushInterval, "flushInterval");
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            return new InfluxSettings(this);
        }

        private static String normalizeUrl(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url of InfluxDB is not a valid URL, was '" + text + "'", e);
            }
            if (!Objects.equals(uri.getScheme(), "http") && !Objects.equals(uri.getScheme(), "https")) {
                throw new IllegalArgumentException(
                        "url of InfluxDB must start with http:// or https://, was '" + text + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("url of InfluxDB must name a host, was '" + text + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("url of InfluxDB must not carry credentials (use " + ENV_USER
                        + " and " + ENV_PASSWORD + "), was " + uri.getScheme() + "://***@" + uri.getHost());
            }
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }

        private static void requirePositive(Duration duration, String field) {
            Validation.requireNonNull(duration, field);
            if (duration.isNegative() || duration.toMillis() < 1) {
                throw new IllegalArgumentException(field + " must be at least 1 ms, was " + duration);
            }
        }
    }
}
