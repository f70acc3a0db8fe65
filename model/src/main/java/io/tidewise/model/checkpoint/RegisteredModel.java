package io.tidewise.model.checkpoint;

import java.nio.file.Path;

/**
 * One version of a model in the registry.
 *
 * @param name      registry name
 * @param version   version within the name
 * @param directory the checkpoint directory, {@code <root>/<name>/<version>}
 * @param promoted  whether this is the version used when only the name is given
 * @param config    the checkpoint's {@code config.json}
 */
public record RegisteredModel(String name, String version, Path directory, boolean promoted, CheckpointConfig config) {

    /** {@code name@version}. */
    public String modelId() {
        return name + "@" + version;
    }
}
