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

/**
 * A retraining end to end on a real influxd and a tiny model: held-out scores, the next version, atomically; and what
 * an app stop during a run leaves: a failure saying so at the next start, no version, nothing half-written.
 */
class RetrainingServiceTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static final List<SeriesId> SERIES = List.of(SeriesId.of("traffic/A/volume"),
            SeriesId.of("traffic/B/volume"));

    @Test
    void adaptsScoresBesideThePromotedModelAndSeasonalNaiveAndRegistersTheNextVersion() throws Exception {
        List<SeriesId> series = SERIES;
        UiSettings ui = storeHourlySeriesAndTinyRegistry();
        Path models = ui.modelsDir();
        InfluxConnection influx = new InfluxConnection(ui);
        RetrainingService retraining = new RetrainingService(influx, ui);
        try {
            assertThat(retraining.baseModels()).containsExactly(TinyModel.ID);
            // a horizon shorter than the model's reach (8): the held-out tail is what will be forecast
            RetrainRequest request = new RetrainRequest(TinyModel.ID, series, T0, T0.plus(Duration.ofDays(30)), 6,
                    60, 3);
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
            assertThat(metrics.path("heldOutSteps").asInt()).isEqualTo(6);
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

    @Test
    void aRunStoppedByAnAppShutdownEndsAsAFailureSayingSoAndRegistersNothing() throws Exception {
        UiSettings ui = storeHourlySeriesAndTinyRegistry();
        InfluxConnection influx = new InfluxConnection(ui);
        try {
            RetrainingService first = new RetrainingService(influx, ui);
            first.start(new RetrainRequest(TinyModel.ID, SERIES, T0, T0.plus(Duration.ofDays(30)), 8, 600,
                    1_000_000));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (first.progress().step() < 2 && first.progress().running() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(first.progress().state()).isEqualTo(RetrainProgress.State.TRAINING);

            first.close(); // what Spring does when the app shuts down

            RetrainProgress stopped = first.progress();
            assertThat(stopped.state()).isEqualTo(RetrainProgress.State.FAILED);
            assertThat(stopped.message()).contains("the app shut down").contains("no version was registered");
            RetrainingService restarted = new RetrainingService(influx, ui);
            try {
                assertThat(restarted.progress().state()).isEqualTo(RetrainProgress.State.FAILED);
                assertThat(restarted.progress().message()).isEqualTo(stopped.message());
                assertThat(restarted.progress().request().baseModel()).isEqualTo(TinyModel.ID);
            } finally {
                restarted.close();
            }
            assertRegistryHoldsOnlyTheBaseModel(ui.modelsDir());
        } finally {
            influx.close();
        }
    }

    @Test
    void aRunWhoseAppWasKilledIsReportedAsInterruptedAtTheNextStartAndItsHalfWrittenVersionRemoved()
            throws Exception {
        UiSettings ui = storeHourlySeriesAndTinyRegistry();
        Path models = ui.modelsDir();
        // what a killed app leaves: its journal says TRAINING, its process is gone, a version directory half-written
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(models.resolve(RetrainingJournal.FILE_NAME), """
                {"state": "TRAINING", "step": 42, "pid": %d, "updated": "2026-12-04T21:00:00Z",
                 "request": {"baseModel": "%s", "from": "2024-01-01T00:00:00Z", "to": "2024-01-31T00:00:00Z",
                             "seconds": 600, "maxSteps": 1000, "series": ["traffic/A/volume"]}}
                """.formatted(gone.pid(), TinyModel.ID));
        Path halfWritten = Files.createDirectories(models.resolve("tiny").resolve(".2.partial-123"));
        Files.writeString(halfWritten.resolve("config.json"), "{\"trunc");

        InfluxConnection influx = new InfluxConnection(ui);
        RetrainingService restarted = new RetrainingService(influx, ui);
        try {
            RetrainProgress reported = restarted.progress();
            assertThat(reported.state()).isEqualTo(RetrainProgress.State.FAILED);
            assertThat(reported.message()).contains("interrupted").contains("step 42").contains(TinyModel.ID)
                    .contains("no version was registered");
            assertThat(halfWritten).doesNotExist();
            assertRegistryHoldsOnlyTheBaseModel(models);
            assertThat(restarted.baseModels()).containsExactly(TinyModel.ID);
        } finally {
            restarted.close();
            influx.close();
        }
        RetrainingService again = new RetrainingService(new InfluxConnection(ui), ui);
        assertThat(again.progress().message()).as("the journal keeps the report").isEqualTo(
                restarted.progress().message());
        again.close();
    }

    private UiSettings storeHourlySeriesAndTinyRegistry() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            List<Observation> observations = new ArrayList<>();
            for (int hour = 0; hour < 120; hour++) {
                for (int s = 0; s < SERIES.size(); s++) {
                    observations.add(new Observation(SERIES.get(s), T0.plusSeconds(3600L * hour),
                            100 + 20 * (s + 1) * Math.sin(2 * Math.PI * hour / 24), Domain.TRAFFIC));
                }
            }
            writer.writeObservations(observations);
        }
        Path models = TinyModel.registry(dir.resolve("models"));
        return new UiSettings(INFLUX.url(), settings.database(), null, null, models, dir, null);
    }

    private static void assertRegistryHoldsOnlyTheBaseModel(Path models) throws Exception {
        ModelRegistry registry = new ModelRegistry(models);
        assertThat(registry.versions("tiny")).containsExactly("1");
        try (var entries = Files.list(models.resolve("tiny"))) {
            assertThat(entries.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("partial"));
        }
    }
}
