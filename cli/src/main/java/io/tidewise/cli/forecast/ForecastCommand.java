package io.tidewise.cli.forecast;

import io.tidewise.cli.ExitCodes;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.CsvFormatException;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.training.adapt.HistoryAdaptation;
import io.tidewise.model.forecast.Forecaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise forecast}: a long CSV of contexts in, a CSV of quantile forecasts out. The options, the output
 * layout and the exit codes are a contract other tools rely on (see the README).
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecast every series of a long CSV (series_id,timestamp,value) H steps ahead.",
                "Writes series_id,step,timestamp,mean and one column per quantile (p10..p90 by default), one row per"
                        + " series and step, series in input order. A bad series is reported on stderr and skipped;"
                        + " the others are still forecast (exit code 1)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every series was forecast", "1:some series were rejected (named on stderr), the others"
                + " written", "2:wrong options or an unusable input", "3:the model or the output failed"})
public final class ForecastCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Checkpoint directory of the model (default: the installed default model).")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "CONTEXT.csv",
            description = "Long CSV: series_id,timestamp,value; timestamps are ISO dates, ISO date-times (UTC unless"
                    + " they carry an offset) or integer steps; an empty value is missing.")
    Path input;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast, at least 1.")
    int horizon;

    @Option(names = "--quantiles", paramLabel = "Q1,Q2,...", converter = QuantileLevelsConverter.class,
            defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9",
            description = "Quantile levels, increasing, each in (0,1) (default: ${DEFAULT-VALUE}); 0.05 is written"
                    + " as column p5, 0.975 as p97.5.")
    QuantileLevels quantiles = QuantileLevels.DECILES;

    @Option(names = "--output", required = true, paramLabel = "OUT.csv", description = "Where the forecasts go.")
    Path output;

    @Mixin
    InferenceOptions inference;

    @Option(names = "--adapt-seconds", paramLabel = "N", defaultValue = "0",
            description = "Fine-tune a copy of the model on windows of the input's own series for at most N seconds"
                    + " before forecasting (patch models; 0: no adaptation; default: ${DEFAULT-VALUE}). The model on"
                    + " disk is never changed.")
    double adaptSeconds;

    @Option(names = "--adapt-steps", paramLabel = "N",
            description = "With --adapt-seconds: stop after N steps at most; a fixed N with no time bound"
                    + " (--adapt-seconds 0 --adapt-steps N) gives the same forecast on any machine for a --seed.")
    Integer adaptSteps;

    @Option(names = "--no-progress", description = "No adaptation progress bar on stderr.")
    boolean noProgress;

    private final ModelLoader loader;

    public ForecastCommand() {
        this(ModelLoaders.checkpoints());
    }

    public ForecastCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter err = commandLine.getErr();
        if (horizon <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--horizon must be positive, was " + horizon);
        }
        inference.validate();
        Path checkpoint = DefaultModel.resolve(commandLine, model);

        LongCsvContent content;
        try {
            content = LongCsvReader.read(input);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(commandLine, "--input " + input + " does not exist");
        } catch (CsvFormatException e) {
            err.println("forecast: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        report(content, err);
        if (content.series().isEmpty()) {
            err.println("forecast: no usable series in " + input + "; nothing was written");
            return ExitCodes.USAGE;
        }

        if (!(adaptSeconds >= 0) || !Double.isFinite(adaptSeconds)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--adapt-seconds must be 0 or a positive number of seconds, was " + adaptSeconds);
        }
        if (adaptSteps != null && adaptSteps <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--adapt-steps must be positive, was " + adaptSteps);
        }
        ModelLoader effective = loader;
        if (adaptSeconds > 0 || adaptSteps != null) {
            List<double[]> histories = content.series().stream().map(SeriesData::values).toList();
            HistoryAdaptation.Settings settings = new HistoryAdaptation.Settings(
                    adaptSeconds > 0 ? Duration.ofMillis(Math.round(adaptSeconds * 1000)) : null,
                    adaptSteps == null ? 1_000_000 : adaptSteps, HistoryAdaptation.Settings.DEFAULT_BATCH,
                    HistoryAdaptation.Settings.DEFAULT_LEARNING_RATE, inference.seed());
            effective = ModelLoaders.adapting(histories, horizon, settings, !noProgress, err);
        }

        ForecastJob.Outcome outcome;
        try (Forecaster forecaster = effective.load(checkpoint, inference)) {
            outcome = new ForecastJob(forecaster, err).run(content, horizon, quantiles, output);
        }
        commandLine.getOut().println("Wrote " + outcome.rows() + " rows (" + outcome.series().size() + " series x "
                + horizon + " steps) to " + output + (outcome.problems().isEmpty() ? ""
                : "; " + outcome.problems().size() + " problem(s) reported above"));
        err.flush();
        return outcome.problems().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_SERIES_FAILED;
    }

    /** One line per rejected series or line on stderr: file, line, field and value. */
    static void report(LongCsvContent content, PrintWriter err) {
        for (SeriesProblem problem : content.problems()) {
            err.println("rejected" + (problem.series() == null ? " line" : " series '" + problem.series() + "'")
                    + ": " + problem.describe());
        }
        err.flush();
    }

    /** Parses {@code --quantiles} with the message of {@link QuantileLevels#parse}. */
    static final class QuantileLevelsConverter implements CommandLine.ITypeConverter<QuantileLevels> {
        @Override
        public QuantileLevels convert(String value) {
            try {
                return QuantileLevels.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
