package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Instant;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credentials come from configuration, reach InfluxDB, and a refusal is reported at once, not retried forever. */
class AuthenticationTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = InfluxServerExtension.withAuthentication();

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin 'pass\" word";
    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    @BeforeAll
    static void createAdmin() {
        try (InfluxDB anonymous = InfluxDBFactory.connect(INFLUX.url())) {
            anonymous.query(new Query("CREATE USER " + InfluxQl.identifier(ADMIN) + " WITH PASSWORD 'admin \\'pass\" word'"
                    + " WITH ALL PRIVILEGES"));
        }
    }

    @Test
    void credentialsFromTheEnvironmentLetAnAdminCreateTheDatabaseAndWrite() throws Exception {
        InfluxSettings settings = InfluxSettings.builderFromEnvironment(Map.of(
                InfluxSettings.ENV_URL, INFLUX.url(),
                InfluxSettings.ENV_DATABASE, "with_auth",
                InfluxSettings.ENV_USER, ADMIN,
                InfluxSettings.ENV_PASSWORD, ADMIN_PASSWORD)).build();
        SeriesId series = SeriesId.of("stock/AUTH/close");
        try (InfluxStore store = InfluxStore.connect(settings)) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.write(new Observation(series, T0, 1.5, Domain.STOCK));
            }
            assertThat(store.queries().history(series)).containsExactly(new Observation(series, T0, 1.5, Domain.STOCK));
        }
    }

    @Test
    void aUserWithoutAdminRightsUsesAnExistingDatabaseWithoutTryingToCreateIt() throws Exception {
        try (InfluxDB admin = InfluxDBFactory.connect(INFLUX.url(), ADMIN, ADMIN_PASSWORD)) {
            admin.query(new Query("CREATE DATABASE \"granted\""));
            admin.query(new Query("CREATE USER \"writer\" WITH PASSWORD 'w'"));
            admin.query(new Query("GRANT ALL ON \"granted\" TO \"writer\""));
        }
        InfluxSettings settings = INFLUX.freshSettings().optDatabase("granted").optCredentials("writer", "w").build();
        SeriesId series = SeriesId.of("stock/GRANTED/close");
        try (InfluxStore store = InfluxStore.connect(settings)) {
            try (InfluxWriter writer = store.openWriter()) {
                writer.write(new Observation(series, T0, 2.5, Domain.STOCK));
            }
            assertThat(store.queries().history(series)).hasSize(1);
        }
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedAtOnce() {
        InfluxSettings wrong = INFLUX.freshSettings().optCredentials(ADMIN, "not the password").build();
        assertThatThrownBy(() -> InfluxStore.connect(wrong))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("creating database")
                .hasMessageContaining("authorization failed")
                .hasMessageNotContaining("not the password");
        InfluxSettings anonymous = INFLUX.freshSettings().build();
        assertThatThrownBy(() -> InfluxStore.connect(anonymous))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(StoreUnavailableException.class);
    }
}
