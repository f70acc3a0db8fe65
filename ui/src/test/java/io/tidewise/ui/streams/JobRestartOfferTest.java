package io.tidewise.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.kafka.KafkaAdminService;
import io.tidewise.ui.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Saving offers a restart only where a restarter runs the job, and the service restarts only for engineers. */
class JobRestartOfferTest {
    @TempDir
    Path streams;

    /** Counts its restarts; refuses while {@code busy}, as the platform's does while one runs. */
    static final class FakeRestarter implements JobRestarter {
        final AtomicInteger restarts = new AtomicInteger();
        volatile boolean busy;

        @Override
        public boolean available() {
            return !busy;
        }

        @Override
        public String describe() {
            return "the fake job";
        }

        @Override
        public RestartResult restart() {
            if (busy) {
                throw new JobRestartException("a restart of the fake job is already under way");
            }
            restarts.incrementAndGet();
            return new RestartResult("file:/data/savepoint-" + restarts.get(), Duration.ofMillis(1500),
                    "all state restored");
        }
    }

    private static UiSettings settings(Path streams) {
        return new UiSettings(null, null, "127.0.0.1:1", "http://flink.example:8081", streams.resolve("models"),
                streams, null);
    }

    private StreamService service(JobRestarter restarter) {
        UiSettings settings = settings(streams);
        return new StreamService(settings, new KafkaAdminService(settings), new InfluxConnection(settings),
                Optional.ofNullable(restarter));
    }

    @Test
    void aSaveOffersTheRestartOfTheJobTheRestarterNames() {
        FakeRestarter restarter = new FakeRestarter();
        StreamService service = service(restarter);

        SaveOutcome outcome = service.save(StreamYamlAndPreviewTest.validJsonDraft(), true);

        assertThat(outcome.file()).isEqualTo(streams.resolve("power-meters.yaml")).exists();
        assertThat(outcome.needsRestart()).isTrue();
        assertThat(outcome.restartOffer()).isEqualTo("the fake job");
        RestartResult result = service.restartJob();
        assertThat(result.savepoint()).isEqualTo("file:/data/savepoint-1");
        assertThat(restarter.restarts).hasValue(1);
    }

    @Test
    void aBusyRestarterIsNotOfferedAndItsRefusalIsPassedOnWordForWord() {
        FakeRestarter restarter = new FakeRestarter();
        restarter.busy = true;
        StreamService service = service(restarter);

        assertThat(service.save(StreamYamlAndPreviewTest.validJsonDraft(), true).restartOffer()).isNull();
        assertThatThrownBy(service::restartJob).isInstanceOf(JobRestartException.class)
                .hasMessage("a restart of the fake job is already under way");
        assertThat(restarter.restarts).hasValue(0);
    }

    @Test
    void withoutARestarterTheSaveSaysWhichJobToRestartByHand() {
        StreamService service = service(null);

        assertThat(service.save(StreamYamlAndPreviewTest.validJsonDraft(), true).restartOffer()).isNull();
        assertThat(service.flinkRest()).isEqualTo("http://flink.example:8081");
        assertThatThrownBy(service::restartJob).isInstanceOf(JobRestartException.class)
                .hasMessageContaining("http://flink.example:8081").hasMessageContaining("./tidewise run");
    }

    @Test
    void theFormShowsTheRestartButtonOnlyWhenOfferedAndHidesItOnceRestarted() {
        StreamForm form = new StreamForm();
        AtomicInteger clicks = new AtomicInteger();
        form.addRestartListener(event -> clicks.incrementAndGet());

        form.showSaved("saved", false);
        assertThat(form.isRestartOffered()).isFalse();
        form.showSaved("saved", true);
        assertThat(form.isRestartOffered()).isTrue();
        form.clickRestart();
        assertThat(clicks).hasValue(1);
        form.showRestartOutcome("failed", false);
        assertThat(form.isRestartOffered()).as("offered again after a failure").isTrue();
        form.showRestartOutcome("restarted", true);
        assertThat(form.isRestartOffered()).isFalse();
    }

    /** The role check is the service's own, not only the view's. */
    @Nested
    @SpringJUnitConfig(Access.Services.class)
    class Access {
        static final FakeRestarter RESTARTER = new FakeRestarter();

        @Configuration
        @EnableMethodSecurity(jsr250Enabled = true)
        static class Services {
            @Bean
            StreamService streams() {
                UiSettings settings = settings(Path.of("target", "no-streams"));
                return new StreamService(settings, new KafkaAdminService(settings), new InfluxConnection(settings),
                        Optional.of(RESTARTER));
            }
        }

        @Autowired
        StreamService service;

        @Test
        @WithMockUser(roles = Roles.ANALYST)
        void anAnalystCannotRestartTheJob() {
            int before = RESTARTER.restarts.get();
            assertThatThrownBy(service::restartJob).isInstanceOf(AccessDeniedException.class);
            assertThat(RESTARTER.restarts).hasValue(before);
        }

        @Test
        @WithMockUser(roles = Roles.MODELER)
        void aModelerCannotRestartTheJob() {
            assertThatThrownBy(service::restartJob).isInstanceOf(AccessDeniedException.class);
        }

        @Test
        @WithMockUser(roles = Roles.ADMIN)
        void anAdminRestartsTheJob() {
            int before = RESTARTER.restarts.get();
            service.restartJob();
            assertThat(RESTARTER.restarts).hasValue(before + 1);
        }
    }
}
