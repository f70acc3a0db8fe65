package io.tidewise.model.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.gpt.GptKind;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model on disk and in memory. On disk a checkpoint is a directory:
 * <ul>
 *   <li>{@code config.json}: the {@link CheckpointConfig} (architecture, tokenizer, provenance);</li>
 *   <li>{@code parameters.params}: the network's parameters in DJL's block format, in block order;</li>
 *   <li>{@code metrics.json}: backtest results including baselines (written by training; optional here);</li>
 *   <li>{@code MODEL_CARD.md}: what the model is, how it was made and how well it does (optional here).</li>
 * </ul>
 * In memory it is a DJL {@link Model} whose block is a {@link Gpt}, so training can continue from it. Close it to
 * free the native memory of its parameters.
 */
public final class Checkpoint implements AutoCloseable {
    public static final String CONFIG_FILE = "config.json";
    public static final String PARAMETERS_FILE = "parameters.params";
    public static final String METRICS_FILE = "metrics.json";
    public static final String MODEL_CARD_FILE = "MODEL_CARD.md";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // a newer writer of the same format version may add fields; old readers keep working
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final CheckpointConfig config;
    private final Model model;
    private final Gpt gpt;

    private Checkpoint(CheckpointConfig config, Model model, Gpt gpt) {
        this.config = config;
        this.model = model;
        this.gpt = gpt;
    }

    /**
     * A new network with freshly initialised parameters (GPT-2's N(0, 0.02)), reproducible for a given seed.
     */
    public static Checkpoint create(CheckpointConfig config, int seed) {
        return create(config, seed, Device.cpu());
    }

    public static Checkpoint create(CheckpointConfig config, int seed, Device device) {
        Gpt gpt = newNetwork(config);
        Model model = Model.newInstance(config.modelId(), device);
        try {
            model.setBlock(gpt);
            Engine.getInstance().setRandomSeed(seed);
            gpt.initialize(model.getNDManager(), DataType.FLOAT32, gpt.inputShapes(1, 1));
            return new Checkpoint(config, model, gpt);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads the checkpoint in {@code directory} on the CPU. */
    public static Checkpoint load(Path directory) throws IOException {
        return load(directory, Device.cpu());
    }

    /**
     * Loads the checkpoint in {@code directory}.
     *
     * @throws IOException              if a file is missing or unreadable
     * @throws IllegalArgumentException if {@code config.json} has an unknown format version or is invalid, or the
     *                                  parameters do not fit the architecture it describes
     */
    public static Checkpoint load(Path directory, Device device) throws IOException {
        CheckpointConfig config = readConfig(directory);
        Gpt gpt = newNetwork(config);
        Model model = Model.newInstance(config.modelId(), device);
        Path parameters = directory.resolve(PARAMETERS_FILE);
        try (InputStream file = Files.newInputStream(parameters);
                DataInputStream in = new DataInputStream(new BufferedInputStream(file))) {
            model.setBlock(gpt);
            gpt.loadParameters(model.getNDManager(), in);
            if (in.read() != -1) {
                throw misfit(parameters, config, "the file holds more parameters than the architecture has", null);
            }
            requireShapesOfArchitecture(gpt, config, parameters);
            return new Checkpoint(config, model, gpt);
        } catch (EOFException e) {
            model.close();
            throw misfit(parameters, config, "the file ended before every parameter was read", e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof IllegalArgumentException misfit) {
                throw misfit;
            }
            throw misfit(parameters, config, e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
    }

    private static IllegalArgumentException misfit(Path parameters, CheckpointConfig config, String reason,
            Exception cause) {
        return new IllegalArgumentException(parameters + " does not fit the architecture in " + CONFIG_FILE + " ("
                + config.kind() + ", " + config.architecture() + "): " + reason, cause);
    }

    /**
     * Reads and validates {@code config.json} without loading parameters.
     *
     * @throws IllegalArgumentException if the format version is not {@link CheckpointConfig#FORMAT_VERSION} or a
     *                                  field is invalid
     */
    public static CheckpointConfig readConfig(Path directory) throws IOException {
        Path file = directory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a checkpoint directory: no " + CONFIG_FILE);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's own message hides the source ("REDACTED"): name the file and the place instead.
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + " is not valid JSON" + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(file + " must hold a JSON object, was " + (tree == null
                    || tree.isMissingNode() ? "empty" : "a " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode formatVersion = tree.get("formatVersion");
        if (formatVersion == null || !formatVersion.canConvertToExactIntegral()) {
            throw new IllegalArgumentException(file + ": formatVersion must be an integer, was " + formatVersion);
        }
        if (formatVersion.intValue() != CheckpointConfig.FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": formatVersion " + formatVersion.intValue()
                    + " is not supported; this Tidewise reads format version " + CheckpointConfig.FORMAT_VERSION
                    + (formatVersion.intValue() > CheckpointConfig.FORMAT_VERSION
                            ? " (the checkpoint was written by a newer Tidewise)"
                            : " (an older layout: retrain it with this version's train verbs)"));
        }
        try {
            return JSON.treeToValue(tree, CheckpointConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a valid checkpoint config: " + e.getMessage(), e);
        }
    }

    /** Writes {@code config.json} and the parameters into {@code directory}, creating it if needed. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve(CONFIG_FILE).toFile(), config);
        try (OutputStream file = Files.newOutputStream(directory.resolve(PARAMETERS_FILE));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
            gpt.saveParameters(out);
        }
    }

    /** Writes {@code metrics.json} (any JSON-serialisable value) into a checkpoint directory. */
    public static void writeMetrics(Path directory, Object metrics) throws IOException {
        JSON.writeValue(directory.resolve(METRICS_FILE).toFile(), metrics);
    }

    /** The checkpoint's {@code metrics.json}, if it has one. */
    public static Optional<JsonNode> readMetrics(Path directory) throws IOException {
        Path file = directory.resolve(METRICS_FILE);
        return Files.isRegularFile(file) ? Optional.of(JSON.readTree(file.toFile())) : Optional.empty();
    }

    /** Writes {@code MODEL_CARD.md} into a checkpoint directory. */
    public static void writeModelCard(Path directory, String markdown) throws IOException {
        Files.writeString(directory.resolve(MODEL_CARD_FILE), markdown, StandardCharsets.UTF_8);
    }

    public CheckpointConfig config() {
        return config;
    }

    /** The DJL model holding the network; its manager owns the parameters. */
    public Model model() {
        return model;
    }

    public Gpt gpt() {
        return gpt;
    }

    /** {@code name@version}. */
    public String modelId() {
        return config.modelId();
    }

    @Override
    public void close() {
        model.close();
    }

    /** DJL loads whatever shapes the file holds; a network of the configured architecture must have the same. */
    private static void requireShapesOfArchitecture(Gpt loaded, CheckpointConfig config, Path parameters) {
        Gpt reference = newNetwork(config);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            reference.initialize(manager, DataType.FLOAT32, reference.inputShapes(1, 1));
            ParameterList expected = reference.getParameters();
            ParameterList actual = loaded.getParameters();
            for (int i = 0; i < expected.size(); i++) {
                Shape want = expected.valueAt(i).getArray().getShape();
                Shape have = actual.valueAt(i).getArray().getShape();
                if (!want.equals(have)) {
                    throw misfit(parameters, config, "parameter " + actual.keyAt(i) + " has shape " + have
                            + " where the architecture needs " + want, null);
                }
            }
        }
    }

    private static Gpt newNetwork(CheckpointConfig config) {
        Gpt.Builder builder = Gpt.builder().setConfig(config.architecture());
        if (config.kind() == GptKind.PATCHES) {
            builder.setPatches(config.tokenizer().patchLength(), config.series().reach(),
                    config.series().quantileLevels().length);
        } else {
            builder.setTokens(config.vocabularySize());
        }
        return builder.build();
    }
}
