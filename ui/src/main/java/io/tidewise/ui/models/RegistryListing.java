package io.tidewise.ui.models;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every version of every model in a registry, each with its config or the reason it cannot be read. Unlike
 * {@link ModelRegistry#list()}, one version in an older format does not hide the others.
 */
public final class RegistryListing {
    private RegistryListing() {}

    public static List<ModelEntry> list(ModelRegistry registry) {
        Path root = registry.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ModelEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                Optional<String> promoted = registry.promotedVersion(name);
                for (String version : registry.versions(name)) {
                    Path directory = registry.directoryOf(name, version);
                    boolean isPromoted = promoted.map(version::equals).orElse(false);
                    try {
                        entries.add(new ModelEntry(name, version, directory, isPromoted,
                                Checkpoint.readConfig(directory), null));
                    } catch (IllegalArgumentException | IOException e) {
                        entries.add(new ModelEntry(name, version, directory, isPromoted, null, e.getMessage()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model registry at " + root, e);
        }
        return entries;
    }
}
