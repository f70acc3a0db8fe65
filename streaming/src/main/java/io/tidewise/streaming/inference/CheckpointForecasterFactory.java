package io.tidewise.streaming.inference;

import io.tidewise.core.Validation;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.model.forecast.GptForecaster;
import java.nio.file.Path;

/**
 * Loads the GPT forecaster of a model checkpoint directory ({@code models/<name>/<version>/}). The directory is
 * kept as text, so the factory serializes; each task manager must see the directory at the same path (a shared
 * volume, or the checkpoint shipped next to the job jar).
 */
public final class CheckpointForecasterFactory implements ForecasterFactory {
    private static final long serialVersionUID = 1L;

    private final String checkpointDirectory;

    public CheckpointForecasterFactory(Path checkpointDirectory) {
        this.checkpointDirectory = Validation.requireNonNull(checkpointDirectory, "checkpoint directory")
                .toAbsolutePath().toString();
    }

    @Override
    public Forecaster create() throws Exception {
        return GptForecaster.load(Path.of(checkpointDirectory),
                ForecasterFactory::streamingSettings);
    }

    @Override
    public String toString() {
        return "checkpoint " + checkpointDirectory;
    }
}
