package io.tidewise.cli.forecast;

import io.tidewise.model.forecast.Forecaster;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a checkpoint directory as a {@link Forecaster} with the user's inference options. */
@FunctionalInterface
public interface ModelLoader {
    Forecaster load(Path checkpoint, InferenceOptions options) throws IOException;
}
