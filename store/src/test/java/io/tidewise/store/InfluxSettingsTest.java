package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxSettingsTest {

    @Test
    void theEnvironmentGivesUrlDatabaseAndCredentials() {
        InfluxSettings settings = InfluxSettings.builderFromEnvironment(Map.of(
                InfluxSettings.ENV_URL, " http://influx.example:8086/ ",
                InfluxSettings.ENV_DATABASE, "prod",
                InfluxSettings.ENV_USER, "writer",
                InfluxSettings.ENV_PASSWORD, "s3cret")).build();
        assertThat(settings.url()).isEqualTo("http://influx.example:8086");
        assertThat(settings.database()).isEqualTo("prod");
        assertThat(settings.username()).contains("writer");
        assertThat(settings.password()).contains("s3cret");
    }

    @Test
    void defaultsNeedOnlyAUrl() {
        InfluxSettings settings = InfluxSettings.builder().setUrl("http://127.0.0.1:8086").build();
        assertThat(settings.database()).isEqualTo("tidewise");
        assertThat(settings.username()).isEmpty();
        assertThat(settings.password()).isEmpty();
        assertThat(settings.retryPolicy().giveUpAfter()).isEmpty();
        assertThat(settings.batchSize()).isEqualTo(5000);
    }

    @Test
    void toStringNeverShowsThePassword() {
        InfluxSettings settings = InfluxSettings.builder().setUrl("http://127.0.0.1:8086")
                .optCredentials("writer", "s3cret").build();
        assertThat(settings.toString()).contains("writer").doesNotContain("s3cret");
        assertThat(settings.withDatabase("other").toString()).doesNotContain("s3cret");
        assertThat(settings.withDatabase("other").password()).contains("s3cret");
    }

    @Test
    void settingsSurviveJavaSerializationAsAFlinkJobGraphNeeds() throws Exception {
        InfluxSettings settings = InfluxSettings.builder().setUrl("http://127.0.0.1:8086").optDatabase("d")
                .optCredentials("writer", "s3cret").optBatchSize(7)
                .optRetryPolicy(RetryPolicy.builder().optGiveUpAfter(Duration.ofSeconds(3)).build()).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        InfluxSettings copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (InfluxSettings) in.readObject();
        }
        assertThat(copy.toString()).isEqualTo(settings.toString());
        assertThat(copy.password()).contains("s3cret");
        assertThat(copy.retryPolicy().giveUpAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aMissingUrlSaysWhichVariableToSet() {
        assertThatThrownBy(() -> InfluxSettings.builderFromEnvironment(Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url of InfluxDB is required (set TIDEWISE_INFLUX_URL, e.g. http://127.0.0.1:8086), was null");
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldAndTheValue() {
        assertThatThrownBy(() -> InfluxSettings.builder().setUrl("ftp://host").build())
                .hasMessage("url of InfluxDB must start with http:// or https://, was 'ftp://host'");
        assertThatThrownBy(() -> InfluxSettings.builder().setUrl("http://user:pw@host:8086").build())
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> InfluxSettings.builderFromEnvironment(Map.of(
                InfluxSettings.ENV_URL, "http://h:8086", InfluxSettings.ENV_USER, "writer")).build())
                .hasMessage("username and password must be given together (TIDEWISE_INFLUX_USER,"
                        + " TIDEWISE_INFLUX_PASSWORD), but only the username was set");
        assertThatThrownBy(() -> InfluxSettings.builder().setUrl("http://h").optBatchSize(0).build())
                .hasMessage("batchSize must be positive, was 0");
        assertThatThrownBy(() -> InfluxSettings.builder().setUrl("http://h").optFlushInterval(Duration.ZERO).build())
                .hasMessage("flushInterval must be at least 1 ms, was PT0S");
        assertThatThrownBy(() -> InfluxSettings.builder().setUrl("http://h").optDatabase(" ").build())
                .hasMessage("database must not be blank, was ' '");
    }
}
