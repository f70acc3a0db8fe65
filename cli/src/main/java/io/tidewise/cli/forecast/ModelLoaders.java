package io.tidewise.cli.forecast;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.forecast.GptForecaster;

/** The ways this build turns a checkpoint directory into a {@link io.tidewise.model.forecast.Forecaster}. */
public final class ModelLoaders {
    private ModelLoaders() {}

    /**
     * Loads a Tidewise checkpoint ({@code config.json} + parameters) as a {@link GptForecaster}. The model module
     * loads checkpoints on the CPU ({@link InferenceOptions#validate} refuses {@code --device gpu}).
     */
    public static ModelLoader checkpoints() {
        return (directory, options) -> {
            Checkpoint checkpoint = Checkpoint.load(directory);
            try {
                return GptForecaster.builder()
                        .setCheckpoint(checkpoint)
                        .optClosesCheckpoint(true)
                        .optBatchSize(options.batchSize())
                        .optSeed(options.seed())
                        .optSampleCount(options.samples())
                        .build();
            } catch (RuntimeException e) {
                checkpoint.close();
                throw e;
            }
        };
    }
}
