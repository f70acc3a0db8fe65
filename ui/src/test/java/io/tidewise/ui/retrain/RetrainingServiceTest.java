package io.tidewise.ui.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.InfluxWriter;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A retraining end to end on a real influxd and a tiny model: held-out scores, the next version, atomically. */
class RetrainingServiceTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void adaptsScoresBesideThePromotedModelAndSeasonalNaiveAndRegistersTheNextVersion() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        List<SeriesId> series = List.of(SeriesId.of("traffic/A/volume"), SeriesId.of("traffic/B/volume"));
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            List<Observation> observations = new ArrayList<>();
            for (int hour = 0; hour < 120; hour++) {
                for (int s = 0; s < series.size(); s++) {
                    observations.add(new Observation(series.get(s), T0.plusSeconds(3600L * hour),
                            100 + 20 * (s + 1) * Math.sin(2 * Math.PI * hour / 24), Domain.TRAFFIC));
                }
            }
            writer.writeObservations(observations);
        }
        Path models = TinyModel.registry(dir.resolve("models"));
        UiSettings ui = new UiSettings(INFLUX.url(), settings.database(), null, null, models, dir, null);
        InfluxConnection influx = new InfluxConnection(ui);
        RetrainingService retraining = new RetrainingService(influx, ui);
        try {
            assertThat(retraining.baseModels()).containsExactly(TinyModel.ID);
            RetrainRequest request = new RetrainRequest(TinyModel.ID, series, T0, T0.plus(Duration.ofDays(30)), 60,
                    3);
            retraining.start(request);
            assertThatThrownBy(() -> retraining.start(request)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("running");
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (retraining.progress().running() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            RetrainProgress done = retraining.progress();
            assertThat(done.state()).as(done.message()).isEqualTo(RetrainProgress.State.DONE);
            assertThat(done.newModel()).isEqualTo("tiny@2");
            assertThat(done.step()).isEqualTo(3);
            assertThat(done.losses()).hasSize(3);
            assertThat(done.evaluation()).extracting(RetrainProgress.Score::model)
                    .containsExactly("tiny@2", "tiny@1 (promoted)", "seasonal_naive");
            assertThat(done.evaluation()).allSatisfy(score -> assertThat(score.windows()).isEqualTo(2));

            ModelRegistry registry = new ModelRegistry(models);
            assertThat(registry.versions("tiny")).containsExactly("1", "2");
            assertThat(registry.promotedVersion("tiny")).contains("1");
            Path version = registry.directoryOf("tiny", "2");
            JsonNode metrics = new ObjectMapper().readTree(version.resolve("metrics.json").toFile());
            assertThat(metrics.path("evaluation").has("tiny@2")).isTrue();
            assertThat(metrics.path("heldOutSteps").asInt()).isEqualTo(8);
            assertThat(Files.readString(version.resolve("MODEL_CARD.md"))).contains("| seasonal_naive |");
            try (var entries = Files.list(models.resolve("tiny"))) {
                assertThat(entries.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.contains("partial"));
            }
        } finally {
            retraining.close();
            influx.close();
        }
    }
}
