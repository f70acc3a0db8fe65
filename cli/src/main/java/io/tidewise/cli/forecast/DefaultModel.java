package io.tidewise.cli.forecast;

import io.tidewise.cli.Home;
import io.tidewise.model.checkpoint.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Which checkpoint {@code forecast} and {@code run} load: {@code --model DIR} when given, else the promoted version
 * of the model named {@value #NAME} in the registry under {@code models/} of the Tidewise home.
 */
public final class DefaultModel {
    /** The registry folder, relative to the Tidewise home. */
    public static final String REGISTRY = "models";
    /** The registry name of the model used when none is given. */
    public static final String NAME = "default";

    private DefaultModel() {}

    /**
     * The checkpoint directory to load.
     *
     * @throws CommandLine.ParameterException when {@code model} is not a directory, or none is given and no default
     *                                        model is installed; the message says what to do
     */
    public static Path resolve(CommandLine commandLine, Path model) throws IOException {
        if (model == null) {
            ModelRegistry registry = new ModelRegistry(Home.directory().resolve(REGISTRY));
            if (registry.versions(NAME).isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, missingMessage(registry.root()));
            }
            try {
                return registry.resolve(NAME);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, "no --model was given and the default model"
                        + " cannot be used: " + e.getMessage());
            }
        }
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--model must be a checkpoint directory, was " + model + " (" + (Files.exists(model)
                            ? "not a directory" : "does not exist") + ")");
        }
        return model;
    }

    private static String missingMessage(Path registry) {
        return "no --model was given and no default model is installed (no version of '" + NAME + "' in " + registry
                + "); pass --model DIR with a checkpoint directory, or make a default model: train one with"
                + " ./tidewise train adapt, then ./tidewise models register --name " + NAME + " --promote DIR";
    }
}
