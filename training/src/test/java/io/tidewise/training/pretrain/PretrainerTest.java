package io.tidewise.training.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretraining a tiny GPT on samples of the two corpora lowers held-out bits per byte. */
class PretrainerTest {

    /** A sample shipped with the tests (see {@code src/test/resources/corpus/README.md} for its source). */
    static Path corpusSample(Path directory, String name) throws IOException {
        try (InputStream in = PretrainerTest.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /corpus/" + name + " is missing");
            }
            Path file = directory.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void pretrainingLowersHeldOutBitsPerByteOnChineseAndEnglish(@TempDir Path directory) throws IOException {
        Path english = corpusSample(directory, "europarl_lines_sample.txt");
        Path chinese = corpusSample(directory, "zh_classical_sample.txt");
        GptConfig tiny = new GptConfig(2, 64, 4, 64, 0f, PositionEncoding.LEARNED);
        Path output = directory.resolve("text");

        Pretrainer.Result result = Pretrainer.run(new Pretrainer.Options(List.of(english, chinese), 200_000, tiny, 120,
                16, 3e-3f, 10, 7, 1000, output, "text-tiny", "1", Device.cpu(), false));

        assertThat(result.initialBitsPerByte()).isGreaterThan(6.0); // a random byte model: about log2(260)
        assertThat(result.finalBitsPerByte()).isLessThan(result.initialBitsPerByte() - 2.0);
        assertThat(Checkpoint.readMetrics(output)).get()
                .satisfies(metrics -> assertThat(metrics.get("heldOutBitsPerByte").asDouble())
                        .isEqualTo(result.finalBitsPerByte()));
        try (Checkpoint saved = Checkpoint.load(output)) {
            assertThat(saved.config().isSeriesModel()).isFalse();
            assertThat(saved.config().provenance()).containsEntry("steps", 120);
            assertThat(saved.config().provenance().get("corpus"))
                    .isEqualTo(List.of("europarl_lines_sample.txt", "zh_classical_sample.txt"));
        }
        assertThat(result.losses()).hasSize(120);
    }
}
