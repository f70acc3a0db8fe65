package io.tidewise.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.kafka.KafkaAdminService;
import io.tidewise.core.SeriesId;
import io.tidewise.ui.models.ModelService;
import io.tidewise.ui.retrain.RetrainRequest;
import io.tidewise.ui.retrain.RetrainingService;
import java.time.Instant;
import java.util.List;
import io.tidewise.ui.streams.StreamDraft;
import io.tidewise.ui.streams.StreamService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * What a role may not do is refused by the service itself, not only hidden by the views: the services are called
 * directly here, as a request that bypassed the UI would call them.
 */
@SpringJUnitConfig(ServiceAccessTest.Services.class)
class ServiceAccessTest {
    /** Set before the Spring context is built (the SpringExtension builds it when the first test needs it). */
    @TempDir
    static Path STREAMS;

    @Configuration
    @EnableMethodSecurity(jsr250Enabled = true)
    static class Services {
        @Bean
        UiSettings settings() {
            return new UiSettings(null, null, "127.0.0.1:1", null, STREAMS.resolve("no-models"), STREAMS, null);
        }

        @Bean
        InfluxConnection influx(UiSettings settings) {
            return new InfluxConnection(settings);
        }

        @Bean
        KafkaAdminService kafka(UiSettings settings) {
            return new KafkaAdminService(settings);
        }

        @Bean
        StreamService streams(UiSettings settings, KafkaAdminService kafka, InfluxConnection influx) {
            return new StreamService(settings, kafka, influx);
        }

        @Bean
        ModelService models(UiSettings settings) {
            return new ModelService(settings);
        }

        @Bean
        RetrainingService retraining(InfluxConnection influx, UiSettings settings) {
            return new RetrainingService(influx, settings);
        }
    }

    @Autowired
    StreamService streams;

    @Autowired
    ModelService models;

    @Autowired
    RetrainingService retraining;

    @Test
    @WithMockUser(roles = Roles.ANALYST)
    void anAnalystCannotSaveAStreamDefinitionNorPromoteAModel() {
        assertThatThrownBy(() -> streams.save(draft("refused"), true)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> models.promote("default", "1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> retraining.start(new RetrainRequest("default", List.of(SeriesId.of("s")),
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 12, 10, 10))).isInstanceOf(AccessDeniedException.class);
        assertThat(STREAMS.resolve("refused.yaml")).doesNotExist();
    }

    @Test
    @WithMockUser(roles = Roles.MODELER)
    void aModelerCannotSaveAStreamDefinition() {
        assertThatThrownBy(() -> streams.save(draft("refused"), true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nobodyLoggedInIsRefused() {
        assertThatThrownBy(() -> streams.save(draft("refused"), true))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    @WithMockUser(roles = Roles.ENGINEER)
    void anEngineerSavesAStreamDefinition() {
        streams.save(draft("allowed"), true);
        assertThat(STREAMS.resolve("allowed.yaml")).exists();
    }

    static StreamDraft draft(String name) {
        StreamDraft draft = new StreamDraft();
        draft.setName(name);
        draft.setTopic("readings");
        draft.setSeries("energy/{/meter}/kw");
        draft.setTimestampField("/at");
        draft.setValue("/kw");
        draft.setFrequency("15m");
        draft.setHorizon("8");
        return draft;
    }
}
