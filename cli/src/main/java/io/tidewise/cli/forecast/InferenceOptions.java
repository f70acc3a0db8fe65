package io.tidewise.cli.forecast;

import io.tidewise.model.forecast.GptForecaster;
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

    // no defaultValue: the field starts at the forecaster's own default, which picocli shows as ${DEFAULT-VALUE}
    @Option(names = "--steady-drift", paramLabel = "SE",
            description = "A series is forecast through its differences when its mean step is at least this many"
                    + " standard errors from zero (default: ${DEFAULT-VALUE}, chosen on the development suite; raise it"
                    + " for short noisy series that drift by chance). `train evaluate --steady-drift` compares"
                    + " values on your own data.")
    double steadyDrift = GptForecaster.DEFAULT_STEADY_DRIFT_STANDARD_ERRORS;

    @Option(names = "--no-steady-trends", description = "Forecast every series through its values, none through its"
            + " differences.")
    boolean noSteadyTrends;

    @Option(names = "--seasonal-margin", paramLabel = "M",
            description = "A series with a regular cycle is forecast through its seasonal differences when their"
                    + " backtest error on its own last values is below this share of the usual forecast's (default:"
                    + " ${DEFAULT-VALUE}; 0 turns that off).")
    double seasonalMargin = GptForecaster.DEFAULT_SEASONAL_MARGIN;

    @Option(names = "--no-flip", description = "Do not average each window's forecast with minus the forecast of its"
            + " mirror image (on by default for windows neither floored at zero nor cyclic; off halves their cost).")
    boolean noFlip;

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

    /** The forecaster rules these options choose, applied to {@code builder}. */
    public GptForecaster.Builder applyRules(GptForecaster.Builder builder) {
        builder.optSteadyTrendsThroughDifferences(!noSteadyTrends)
                .optSteadyDriftStandardErrors(steadyDrift)
                .optSeasonalCycles(seasonalMargin);
        return noFlip ? builder.optFlipAveraging(false) : builder;
    }

    /** {@code --steady-drift}'s check, for every command that takes it. */
    public static void checkSteadyDrift(CommandLine commandLine, double standardErrors) {
        if (!(standardErrors > 0) || !Double.isFinite(standardErrors)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--steady-drift must be a positive number of standard errors, was " + standardErrors);
        }
    }

    /** {@code --seasonal-margin}'s check, for every command that takes it. */
    public static void checkSeasonalMargin(CommandLine commandLine, double margin) {
        if (!(margin >= 0) || !Double.isFinite(margin)) {
            throw new CommandLine.ParameterException(commandLine, "--seasonal-margin must be a number >= 0, was "
                    + margin);
        }
    }

    /** @throws CommandLine.ParameterException naming the option and the value */
    public void validate() {
        checkSteadyDrift(mixee.commandLine(), steadyDrift);
        checkSeasonalMargin(mixee.commandLine(), seasonalMargin);
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
