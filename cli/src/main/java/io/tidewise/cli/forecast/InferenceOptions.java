package io.tidewise.cli.forecast;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a model runs: the options every verb that forecasts shares. */
public final class InferenceOptions {
    /** Where inference runs; {@code auto} is the CPU until the model module can load checkpoints on a GPU. */
    public enum Device { AUTO, CPU, GPU }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
            description = "Where the model runs (default: ${DEFAULT-VALUE}, which is the CPU in this build; gpu is"
                    + " refused until checkpoints can be loaded on a GPU).")
    Device device = Device.AUTO;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Series forecast together in one pass (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--samples", defaultValue = "20", paramLabel = "N",
            description = "Sampled paths per series for bin-token models (default: ${DEFAULT-VALUE}); "
                    + "patch-token models predict quantiles directly and ignore it.")
    int samples = 20;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed; the same seed gives the same forecasts (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    public Device device() {
        return device;
    }

    public int batchSize() {
        return batchSize;
    }

    public int samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }

    /** @throws CommandLine.ParameterException naming the option and the value */
    public void validate() {
        if (batchSize <= 0) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--batch-size must be positive, was " + batchSize);
        }
        if (device == Device.GPU) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--device gpu is not supported by this"
                    + " build yet: the model module loads checkpoints on the CPU; use --device cpu or auto");
        }
        if (samples <= 0) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--samples must be positive, was " + samples);
        }
    }
}
