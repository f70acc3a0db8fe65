package io.tidewise.model.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * Checkpoints by name and version on the file system: {@code <root>/<name>/<version>/} is a checkpoint directory,
 * and {@code <root>/<name>/PROMOTED} holds the version used when a model is asked for by name alone. A registered
 * version is never overwritten: a retrained model is a new version, and promotion is the one mutable step.
 */
public final class ModelRegistry {
    /** The file, beside a name's version directories, that holds its promoted version. */
    public static final String PROMOTED_FILE = "PROMOTED";

    /** How a version being written beside its final place begins and continues: {@code .VERSION.partial-...}. */
    private static final String PARTIAL_INFIX = ".partial-";

    /** Orders versions as people count them: {@code 2} before {@code 10}, then text order. */
    static final Comparator<String> VERSION_ORDER = ModelRegistry::compareVersions;

    private final Path root;

    public ModelRegistry(Path root) {
        if (root == null) {
            throw new IllegalArgumentException("registry root is required but was null");
        }
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Where {@code name@version} lives (or would live). */
    public Path directoryOf(String name, String version) {
        return root.resolve(CheckpointConfig.requireName(name, "name"))
                .resolve(CheckpointConfig.requireName(version, "version"));
    }

    /** More files of a version (its metrics, its card), written into it before it is moved into place. */
    @FunctionalInterface
    public interface VersionFiles {
        void write(Path versionDirectory) throws IOException;
    }

    /**
     * Saves {@code checkpoint} as {@code <root>/<name>/<version>} under the name and version of its config.
     *
     * @return the new checkpoint directory
     * @throws IllegalStateException if that version already exists
     */
    public Path register(Checkpoint checkpoint) throws IOException {
        return register(checkpoint, versionDirectory -> {});
    }

    /**
     * Saves {@code checkpoint} as {@link #register(Checkpoint)} does, with {@code moreFiles} written into the version
     * before it appears: the registry never shows a version without them. If saving or {@code moreFiles} fails
     * (an exception thrown there stops the registration), nothing is registered and the partial copy is removed.
     */
    public Path register(Checkpoint checkpoint, VersionFiles moreFiles) throws IOException {
        CheckpointConfig config = checkpoint.config();
        Path target = directoryOf(config.name(), config.version());
        if (Files.exists(target)) {
            throw new IllegalStateException("version " + config.version() + " of model " + config.name()
                    + " already exists at " + target + "; register a new version instead");
        }
        Files.createDirectories(target.getParent());
        // written beside the target and moved into place, so a crash never leaves a half-written version behind
        Path partial = Files.createTempDirectory(target.getParent(), "." + config.version() + PARTIAL_INFIX);
        try {
            checkpoint.save(partial);
            moreFiles.write(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                FileUtils.deleteDirectory(partial.toFile());
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return target;
    }

    /**
     * Removes the half-written versions a writer that was stopped mid-way (a killed process) left beside their
     * names' versions; they were never visible as versions. Call it only when no registration is under way.
     *
     * @return the directories removed
     */
    public List<Path> removePartialVersions() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        List<Path> names;
        try (Stream<Path> children = Files.list(root)) {
            names = children.filter(Files::isDirectory).toList();
        }
        for (Path name : names) {
            List<Path> partials;
            try (Stream<Path> children = Files.list(name)) {
                partials = children.filter(Files::isDirectory).filter(child -> {
                    String file = child.getFileName().toString();
                    return file.startsWith(".") && file.contains(PARTIAL_INFIX);
                }).toList();
            }
            for (Path partial : partials) {
                FileUtils.deleteDirectory(partial.toFile());
                removed.add(partial);
            }
        }
        return removed;
    }

    /** The version after the highest numeric version of {@code name}: {@code 1} for a new name. */
    public String nextVersion(String name) throws IOException {
        long highest = 0;
        for (String version : versions(name)) {
            if (version.chars().allMatch(Character::isDigit) && version.length() < 18) {
                highest = Math.max(highest, Long.parseLong(version));
            }
        }
        return Long.toString(highest + 1);
    }

    /** Makes {@code version} the one used for {@code name} alone. */
    public void promote(String name, String version) throws IOException {
        Path directory = directoryOf(name, version);
        if (!Files.isRegularFile(directory.resolve(Checkpoint.CONFIG_FILE))) {
            throw new IllegalArgumentException("cannot promote " + name + "@" + version + ": no such version in "
                    + root + " (versions: " + versions(name) + ")");
        }
        Path promoted = root.resolve(name).resolve(PROMOTED_FILE);
        Path partial = Files.createTempFile(promoted.getParent(), "." + PROMOTED_FILE, ".partial");
        Files.writeString(partial, version + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(partial, promoted, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, promoted, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The promoted version of {@code name}, if one was promoted. */
    public Optional<String> promotedVersion(String name) throws IOException {
        Path promoted = root.resolve(CheckpointConfig.requireName(name, "name")).resolve(PROMOTED_FILE);
        if (!Files.isRegularFile(promoted)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(promoted, StandardCharsets.UTF_8).strip());
    }

    /** Versions of {@code name}, in {@link #VERSION_ORDER}; empty for an unknown name. */
    public List<String> versions(String name) throws IOException {
        Path directory = root.resolve(CheckpointConfig.requireName(name, "name"));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(child -> Files.isRegularFile(child.resolve(Checkpoint.CONFIG_FILE)))
                    .map(child -> child.getFileName().toString())
                    .filter(version -> !version.startsWith("."))
                    .sorted(VERSION_ORDER)
                    .toList();
        }
    }

    /** Every registered version of every model, by name and then version. */
    public List<RegisteredModel> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> children = Files.list(root)) {
            names = children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
        List<RegisteredModel> models = new ArrayList<>();
        for (String name : names) {
            Optional<String> promoted = promotedVersion(name);
            for (String version : versions(name)) {
                Path directory = root.resolve(name).resolve(version);
                models.add(new RegisteredModel(name, version, directory,
                        promoted.map(version::equals).orElse(false), Checkpoint.readConfig(directory)));
            }
        }
        return models;
    }

    /**
     * The checkpoint directory a reference names: {@code name@version}, or {@code name} for its promoted version.
     *
     * @throws IllegalArgumentException if the model, the version or a promoted version does not exist; the message
     *                                  lists what does
     */
    public Path resolve(String reference) throws IOException {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("model reference must be name or name@version, was '" + reference + "'");
        }
        int at = reference.indexOf('@');
        String name = at < 0 ? reference : reference.substring(0, at);
        List<String> versions = versions(name);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("model '" + name + "' is not in the registry at " + root);
        }
        String version;
        if (at >= 0) {
            version = reference.substring(at + 1);
            if (!versions.contains(version)) {
                throw new IllegalArgumentException("model " + name + " has no version '" + version + "' in " + root
                        + " (versions: " + versions + ")");
            }
        } else {
            version = promotedVersion(name).orElseThrow(() -> new IllegalArgumentException(
                    "model " + name + " has no promoted version; name one of " + versions + " as " + name
                            + "@VERSION or promote one"));
            if (!versions.contains(version)) {
                throw new IllegalStateException(root.resolve(name).resolve(PROMOTED_FILE) + " names version "
                        + version + ", which is not in the registry (versions: " + versions + ")");
            }
        }
        return root.resolve(name).resolve(version);
    }

    private static int compareVersions(String left, String right) {
        boolean leftNumeric = !left.isEmpty() && left.chars().allMatch(Character::isDigit);
        boolean rightNumeric = !right.isEmpty() && right.chars().allMatch(Character::isDigit);
        if (leftNumeric && rightNumeric) {
            String a = left.replaceFirst("^0+(?=.)", "");
            String b = right.replaceFirst("^0+(?=.)", "");
            int byLength = Integer.compare(a.length(), b.length());
            return byLength != 0 ? byLength : a.compareTo(b);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    @Override
    public String toString() {
        return "ModelRegistry[" + root + "]";
    }
}
