package io.tidewise.cli.demo;

import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.Home;
import io.tidewise.cli.forecast.DefaultModel;
import io.tidewise.cli.forecast.ForecastJob;
import io.tidewise.cli.forecast.InferenceOptions;
import io.tidewise.cli.forecast.ModelLoader;
import io.tidewise.cli.forecast.ModelLoaders;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.model.forecast.Forecaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise demo}: the series shipped in {@code examples/} forecast with the default model, written as the
 * {@code forecast} CSV and an SVG chart. No servers: the whole platform is {@code tidewise run}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Forecast demo on the shipped sample data (examples/demo.csv: stock prices, US employment,"
                + " I-94 traffic).", "Writes forecast.csv and forecast.svg (history, median, 10-90%% band per series)"
                + " into the output folder and prints where."})
public final class DemoCommand implements Callable<Integer> {
    /** The demo data, relative to the Tidewise home. */
    public static final String DEMO_DATA = "examples/demo.csv";

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Checkpoint directory to use instead of the installed default model.")
    Path model;

    @Option(names = "--input", paramLabel = "CONTEXT.csv",
            description = "Long CSV to forecast instead of the shipped " + DEMO_DATA + ".")
    Path input;

    @Option(names = "--horizon", defaultValue = "24", paramLabel = "H",
            description = "Steps to forecast (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--output", paramLabel = "DIR", description = "Output folder (default: out/demo under the"
            + " Tidewise home).")
    Path output;

    @Option(names = "--history", defaultValue = "96", paramLabel = "N",
            description = "Latest observations drawn before each forecast (default: ${DEFAULT-VALUE}).")
    int history;

    @Mixin
    InferenceOptions inference;

    private final ModelLoader loader;

    public DemoCommand() {
        this(ModelLoaders.checkpoints());
    }

    public DemoCommand(ModelLoader loader) {
        this.loader = loader;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        PrintWriter err = commandLine.getErr();
        if (horizon <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--horizon must be positive, was " + horizon);
        }
        if (history <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--history must be positive, was " + history);
        }
        inference.validate();
        Path checkpoint = DefaultModel.resolve(commandLine, model);
        Path data = input != null ? input : Home.directory().resolve(DEMO_DATA);
        Path folder = output != null ? output : Home.directory().resolve("out").resolve("demo");
        LongCsvContent content = LongCsvReader.read(data);
        for (SeriesProblem problem : content.problems()) {
            err.println("rejected: " + problem.describe());
        }
        if (content.series().isEmpty()) {
            err.println("demo: no usable series in " + data);
            return ExitCodes.USAGE;
        }
        Files.createDirectories(folder);
        Path csv = folder.resolve("forecast.csv");
        Path svg = folder.resolve("forecast.svg");
        ForecastJob.Outcome outcome;
        try (Forecaster forecaster = loader.load(checkpoint, inference)) {
            outcome = new ForecastJob(forecaster, err).run(content, horizon, QuantileLevels.DECILES, csv);
            try (Writer out = Files.newBufferedWriter(svg, StandardCharsets.UTF_8)) {
                ForecastChart.write(out, outcome.series(), outcome.forecasts(), QuantileLevels.DECILES, history);
            }
            PrintWriter out = commandLine.getOut();
            out.println("Forecast " + outcome.series().size() + " series of " + data + " " + horizon
                    + " steps ahead with " + forecaster.modelId() + ":");
            out.println("  " + csv.toAbsolutePath());
            out.println("  " + svg.toAbsolutePath() + "  (open it in a browser)");
            out.flush();
        }
        return outcome.problems().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_SERIES_FAILED;
    }
}
