package io.tidewise.streaming.inference;

import io.tidewise.core.Validation;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.model.forecast.GptForecaster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads models from a model registry ({@code <root>/<name>/<version>/}) by name: the promoted version of the
 * default model, or of the model a stream names. Every task manager must see the registry at the same path.
 */
public final class RegistryForecasterFactory implements ForecasterFactory {
    private static final long serialVersionUID = 1L;

    private final String registryRoot;
    private final String defaultModel;

    public RegistryForecasterFactory(Path registryRoot, String defaultModel) {
        this.registryRoot = Validation.requireNonNull(registryRoot, "model registry").toAbsolutePath().toString();
        this.defaultModel = Validation.requireNonBlank(defaultModel, "default model");
    }

    @Override
    public Forecaster create() throws IOException {
        return create(defaultModel);
    }

    @Override
    public Forecaster create(String model) throws IOException {
        return GptForecaster.load(promotedDirectory(model),
                ForecasterFactory::streamingSettings);
    }

    /** The directory of the promoted version of {@code model}. */
    public Path promotedDirectory(String model) throws IOException {
        ModelRegistry registry = new ModelRegistry(Path.of(registryRoot));
        String version = registry.promotedVersion(model).orElseThrow(() -> new IllegalArgumentException(
                "model '" + model + "' has no promoted version in the registry at " + registryRoot
                        + " (versions: " + versionsOf(registry, model) + ")"));
        return registry.directoryOf(model, version);
    }

    private static String versionsOf(ModelRegistry registry, String model) {
        try {
            return registry.versions(model).toString();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return "registry " + registryRoot + " (default model " + defaultModel + ")";
    }
}
