package io.tidewise.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.gpt.GptKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path directory;

    @Test
    void patchModelGivesIdenticalOutputsAfterSaveAndLoad() throws IOException {
        try (Checkpoint original = TinyCheckpoints.patchModel()) {
            original.save(directory);
            try (Checkpoint loaded = Checkpoint.load(directory)) {
                assertThat(loaded.config()).isEqualTo(original.config());
                Shape shape = new Shape(3, 8, TinyCheckpoints.PATCH_LENGTH);
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDList inputs = new NDList(manager.randomNormal(shape), manager.ones(shape));
                    assertThat(outputs(loaded.gpt(), inputs)).containsExactly(outputs(original.gpt(), inputs));
                }
            }
        }
    }

    @Test
    void binAndTextModelsGiveIdenticalOutputsAfterSaveAndLoad() throws IOException {
        for (CheckpointConfig config : new CheckpointConfig[] {
            TinyCheckpoints.binConfig("bins", "3"), TinyCheckpoints.textConfig("text", "1")}) {
            Path target = directory.resolve(config.name());
            try (Checkpoint original = Checkpoint.create(config, 5)) {
                original.save(target);
                try (Checkpoint loaded = Checkpoint.load(target); NDManager manager = NDManager.newBaseManager()) {
                    assertThat(loaded.gpt().kind()).isEqualTo(GptKind.TOKENS);
                    NDArray ids = manager.randomInteger(0, config.vocabularySize(), new Shape(2, 10),
                            ai.djl.ndarray.types.DataType.INT64);
                    assertThat(outputs(loaded.gpt(), new NDList(ids)))
                            .containsExactly(outputs(original.gpt(), new NDList(ids)));
                }
            }
        }
    }

    @Test
    void configRecordsArchitectureTokenizerAndProvenance() throws IOException {
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            checkpoint.save(directory);
        }
        ObjectNode json = (ObjectNode) Checkpoint.JSON.readTree(directory.resolve(Checkpoint.CONFIG_FILE).toFile());
        assertThat(json.get("formatVersion").intValue()).isEqualTo(CheckpointConfig.FORMAT_VERSION);
        assertThat(json.at("/architecture/layers").intValue()).isEqualTo(2);
        assertThat(json.at("/tokenizer/kind").textValue()).isEqualTo("PATCH");
        assertThat(json.at("/series/quantileLevels").size()).isEqualTo(5);
        assertThat(json.at("/provenance/purpose").textValue()).isEqualTo("test");
        assertThat(directory.resolve(Checkpoint.PARAMETERS_FILE)).isNotEmptyFile();
    }

    @Test
    void anUnknownFormatVersionFailsWithAClearMessage() throws IOException {
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            checkpoint.save(directory);
        }
        Path config = directory.resolve(Checkpoint.CONFIG_FILE);
        ObjectNode json = (ObjectNode) Checkpoint.JSON.readTree(config.toFile());
        json.put("formatVersion", 7);
        Checkpoint.JSON.writeValue(config.toFile(), json);

        assertThatThrownBy(() -> Checkpoint.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("formatVersion 7 is not supported")
                .hasMessageContaining("reads format version " + CheckpointConfig.FORMAT_VERSION)
                .hasMessageContaining("newer Tidewise")
                .hasMessageContaining(config.toString());
    }

    @Test
    void parametersThatDoNotFitTheArchitectureAreRefused() throws IOException {
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            checkpoint.save(directory);
        }
        Path config = directory.resolve(Checkpoint.CONFIG_FILE);
        ObjectNode json = (ObjectNode) Checkpoint.JSON.readTree(config.toFile());
        ((ObjectNode) json.get("architecture")).put("layers", 3);
        Checkpoint.JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> Checkpoint.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Checkpoint.PARAMETERS_FILE)
                .hasMessageContaining("layers=3");

        ((ObjectNode) json.get("architecture")).put("layers", 1);
        Checkpoint.JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> Checkpoint.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Checkpoint.PARAMETERS_FILE + " does not fit the architecture")
                .hasMessageContaining("layers=1");

        ((ObjectNode) json.get("architecture")).put("layers", 2).put("width", 16);
        Checkpoint.JSON.writeValue(config.toFile(), json);
        assertThatThrownBy(() -> Checkpoint.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Checkpoint.PARAMETERS_FILE + " does not fit the architecture")
                .hasMessageContaining("where the architecture needs");
    }

    /** Whatever is wrong with a checkpoint's files, loading refuses it with a message that names the file. */
    @Test
    void malformedCheckpointFilesAreRefusedNamingTheFile() throws IOException {
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            checkpoint.save(directory);
        }
        Path config = directory.resolve(Checkpoint.CONFIG_FILE);
        Path parameters = directory.resolve(Checkpoint.PARAMETERS_FILE);
        byte[] goodConfig = Files.readAllBytes(config);
        byte[] goodParameters = Files.readAllBytes(parameters);
        java.util.Random random = new java.util.Random(11);
        byte[] noise = new byte[4096];
        random.nextBytes(noise);

        Map<String, byte[]> badConfigs = new java.util.LinkedHashMap<>();
        badConfigs.put("empty", new byte[0]);
        badConfigs.put("not JSON", "formatVersion: 2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        badConfigs.put("truncated", java.util.Arrays.copyOf(goodConfig, goodConfig.length / 2));
        badConfigs.put("a JSON list", "[2]".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        badConfigs.put("fields missing", "{\"formatVersion\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        badConfigs.put("binary", noise);
        for (Map.Entry<String, byte[]> bad : badConfigs.entrySet()) {
            Files.write(config, bad.getValue());
            assertThatThrownBy(() -> Checkpoint.load(directory)).as("config.json %s", bad.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(config.toString());
        }
        Files.write(config, goodConfig);

        Map<String, byte[]> badParameters = new java.util.LinkedHashMap<>();
        badParameters.put("empty", new byte[0]);
        badParameters.put("truncated", java.util.Arrays.copyOf(goodParameters, goodParameters.length / 2));
        badParameters.put("cut at the end", java.util.Arrays.copyOf(goodParameters, goodParameters.length - 1));
        badParameters.put("binary", noise);
        // Garbled structure is refused; garbled weight values inside an intact structure are not detectable: the
        // format has no checksum.
        byte[] garbledHead = goodParameters.clone();
        for (int i = 0; i < 64; i++) {
            garbledHead[i] = (byte) random.nextInt();
        }
        badParameters.put("garbled at the start", garbledHead);
        for (Map.Entry<String, byte[]> bad : badParameters.entrySet()) {
            Files.write(parameters, bad.getValue());
            assertThatThrownBy(() -> Checkpoint.load(directory).close()).as("parameters %s", bad.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(parameters.toString());
        }
        Files.delete(parameters);
        assertThatThrownBy(() -> Checkpoint.load(directory)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(parameters.toString());
    }

    @Test
    void aDirectoryWithoutConfigIsNotACheckpoint() {
        assertThatThrownBy(() -> Checkpoint.load(directory))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no " + Checkpoint.CONFIG_FILE);
    }

    @Test
    void metricsAndModelCardTravelWithTheCheckpoint() throws IOException {
        assertThat(Checkpoint.readMetrics(directory)).isEmpty();
        Checkpoint.writeMetrics(directory, Map.of("mase", 0.91));
        Checkpoint.writeModelCard(directory, "# tiny\n");
        assertThat(Checkpoint.readMetrics(directory)).get()
                .satisfies(metrics -> assertThat(metrics.get("mase").doubleValue()).isEqualTo(0.91));
        assertThat(Files.readString(directory.resolve(Checkpoint.MODEL_CARD_FILE))).isEqualTo("# tiny\n");
    }

    @Test
    void configsOfTheWrongShapeAreRefused() {
        CheckpointConfig patch = TinyCheckpoints.patchConfig("m", "1");
        assertThatThrownBy(() -> CheckpointConfig.patches("m", "1", patch.architecture(), patch.tokenizer(),
                        new SeriesHeadConfig(1000, 4, new double[] {0.5}), Map.of()))
                .hasMessageContaining("series.contextLength 1000 needs 250 patches")
                .hasMessageContaining("architecture.contextLength 38");
        assertThatThrownBy(() -> CheckpointConfig.bins("m", "1", patch.architecture(),
                        TinyCheckpoints.binConfig("m", "1").tokenizer(), new SeriesHeadConfig(36, 6, null), Map.of()))
                .hasMessageContaining("series.contextLength + series.reach must fit in architecture.contextLength 38")
                .hasMessageContaining("was 36 + 6");
        assertThatThrownBy(() -> TinyCheckpoints.patchConfig("bad name", "1"))
                .hasMessageContaining("name must be")
                .hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> new SeriesHeadConfig(32, 0, null)).hasMessage("series.reach must be positive, was 0");
    }

    private static float[] outputs(Gpt gpt, NDList inputs) {
        ParameterStore store = new ParameterStore(inputs.head().getManager(), false);
        return gpt.forward(store, inputs, false).singletonOrThrow().toFloatArray();
    }
}
