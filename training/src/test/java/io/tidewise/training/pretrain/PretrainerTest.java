package io.tidewise.training.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pretraining a tiny GPT on a slice of the shipped corpora lowers held-out bits per byte. */
class PretrainerTest {

    static Path corpusSlice(Path directory, String name, int bytes) throws IOException {
        Path shared = Path.of(System.getProperty("tidewise.shared.dir", "../../shared")).resolve("corpus").resolve(name);
        byte[] slice;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(shared))) {
            slice = in.readNBytes(bytes);
        }
        // cut at a line end so the slice stays valid UTF-8 for the Chinese text
        String text = new String(slice, StandardCharsets.UTF_8);
        Path file = directory.resolve(name.replace(".gz", ""));
        Files.writeString(file, text.substring(0, text.lastIndexOf('\n') + 1), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void pretrainingLowersHeldOutBitsPerByteOnChineseAndEnglish(@TempDir Path directory) throws IOException {
        Path english = corpusSlice(directory, "europarl_lines.txt.gz", 120_000);
        Path chinese = corpusSlice(directory, "zh_classical.txt.gz", 120_000);
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
                    .isEqualTo(List.of("europarl_lines.txt", "zh_classical.txt"));
        }
        assertThat(result.losses()).hasSize(120);
    }
}
