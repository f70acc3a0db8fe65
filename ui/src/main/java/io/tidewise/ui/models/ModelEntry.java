package io.tidewise.ui.models;

import io.tidewise.model.checkpoint.CheckpointConfig;
import java.nio.file.Path;

/**
 * One version in the registry as the app lists it.
 *
 * @param config  its {@code config.json}, or null when it cannot be read by this build
 * @param problem why its config cannot be read (e.g. an older checkpoint format), or null
 */
public record ModelEntry(String name, String version, Path directory, boolean promoted, CheckpointConfig config,
        String problem) {

    public String modelId() {
        return name + "@" + version;
    }

    public boolean usable() {
        return config != null;
    }
}
