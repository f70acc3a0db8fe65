package io.tidewise.cli.bench;

import io.tidewise.cli.forecast.InferenceOptions;
import io.tidewise.cli.forecast.ModelLoaders;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.tokenize.TokenizerConfig;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.adapt.HistoryAdaptation;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise bench forecaster}: series per second of the GPT forecaster at the default model size, beside
 * seasonal naive on the same contexts in the same run. The checkpoint is randomly initialised in a temporary folder
 * and loaded as {@code forecast} loads one: the work per series does not depend on the weights' values.
 */
@Command(name = "forecaster", mixinStandardHelpOptions = true,
        description = {"Forecaster throughput (series/s) for a default-size model with random weights, beside"
                + " seasonal naive and ETS measured in the same run on the same contexts, and optionally with"
                + " --adapt-seconds.",
                "Throughput does not depend on weight values, so no trained model is needed."})
public final class ForecasterBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", defaultValue = "patch", paramLabel = "patch|bin",
            description = "Which model: patch tokens (default) or bin tokens.")
    TokenizerKind tokenizer = TokenizerKind.PATCH;

    @Option(names = "--context", defaultValue = "512", paramLabel = "N",
            description = "Values of history per series (default: ${DEFAULT-VALUE}).")
    int context = 512;

    @Option(names = "--horizon", defaultValue = "64", paramLabel = "H",
            description = "Steps forecast per series (default: ${DEFAULT-VALUE}).")
    int horizon = 64;

    @Option(names = "--reach", defaultValue = "64", paramLabel = "R",
            description = "Values one forward pass predicts (default: ${DEFAULT-VALUE}); longer horizons roll out.")
    int reach = 64;

    @Option(names = "--layers", defaultValue = "4", paramLabel = "L", description = "Decoder blocks (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--width", defaultValue = "256", paramLabel = "C",
            description = "Embedding width (default: ${DEFAULT-VALUE}; the shipped default model has 128).")
    int width;

    @Option(names = "--heads", defaultValue = "8", paramLabel = "NH", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--series", paramLabel = "N", description = "Series per timed pass (default: 2 batches).")
    Integer series;

    @Option(names = "--min-seconds", defaultValue = "10", paramLabel = "S",
            description = "Least time each contender is measured for (default: ${DEFAULT-VALUE}).")
    double minSeconds = 10;

    @Option(names = "--no-ets", description = "Skip the ETS contender (it is slow on long seasonal contexts).")
    boolean noEts;

    @Option(names = "--adapt-seconds", defaultValue = "0", paramLabel = "N",
            description = "Also time forecast --adapt-seconds N on the same series: adaptation plus forecasting,"
                    + " once (default: ${DEFAULT-VALUE}, not measured).")
    double adaptSeconds;

    @Mixin
    InferenceOptions inference;

    @Override
    public Integer call() throws IOException {
        CommandLine commandLine = spec.commandLine();
        requirePositive(commandLine, "--context", context);
        requirePositive(commandLine, "--horizon", horizon);
        requirePositive(commandLine, "--reach", reach);
        if (series != null) {
            requirePositive(commandLine, "--series", series);
        }
        if (!(minSeconds > 0)) {
            throw new CommandLine.ParameterException(commandLine, "--min-seconds must be positive, was " + minSeconds);
        }
        inference.validate();
        int seriesCount = series != null ? series : 2 * inference.batchSize();
        QuantileLevels levels = QuantileLevels.DECILES;
        Duration minimum = Duration.ofMillis(Math.round(minSeconds * 1000));
        List<double[]> contexts = BenchContexts.generate(seriesCount, context, inference.seed());
        List<ForecastRequest> requests = new ArrayList<>(seriesCount);
        for (int i = 0; i < seriesCount; i++) {
            requests.add(ForecastRequest.ofValues(SeriesId.of("bench/" + i), contexts.get(i)));
        }
        List<ForecastRequest> warmUpBatch = requests.subList(0, Math.min(seriesCount, inference.batchSize()));

        CheckpointConfig config = sizedConfig(tokenizer, context, reach, layers, width, heads);
        PrintWriter out = commandLine.getOut();
        out.printf(Locale.ROOT, "bench forecaster: %s tokens, default model size (%d layers, width %d, %d heads,"
                        + " %d-token window), random weights: throughput does not depend on weight values%n",
                tokenizer.name().toLowerCase(Locale.ROOT), config.architecture().layers(),
                config.architecture().width(), config.architecture().heads(), config.architecture().contextLength());
        out.printf(Locale.ROOT, "  context %d, horizon %d, reach %d, %d quantiles, batch %d, %d series per pass,"
                        + " %s, %d available processors%n", context, horizon, reach, levels.size(),
                inference.batchSize(), seriesCount, inference.device().name().toLowerCase(Locale.ROOT),
                Runtime.getRuntime().availableProcessors());
        out.flush();

        Throughput model;
        Throughput adapted = null;
        Path folder = Files.createTempDirectory("tidewise-bench-");
        try {
            try (Checkpoint checkpoint = Checkpoint.create(config, (int) inference.seed())) {
                checkpoint.save(folder.resolve("checkpoint"));
            }
            try (Forecaster forecaster = ModelLoaders.checkpoints().load(folder.resolve("checkpoint"), inference)) {
                model = Throughput.measure(
                        () -> forecaster.forecast(warmUpBatch, horizon, levels).size(),
                        () -> forecaster.forecast(requests, horizon, levels).size(),
                        minimum);
            }
            if (adaptSeconds > 0 && tokenizer == TokenizerKind.PATCH) {
                long start = System.nanoTime();
                HistoryAdaptation.Settings settings = HistoryAdaptation.Settings.forSeconds(adaptSeconds,
                        inference.seed());
                try (Forecaster forecaster = ModelLoaders.adapting(contexts, horizon, settings, false,
                        commandLine.getErr())
                        .load(folder.resolve("checkpoint"), inference)) {
                    forecaster.forecast(requests, horizon, levels);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                adapted = new Throughput(seriesCount / (elapsed.toNanos() / 1e9), seriesCount, elapsed);
            }
        } finally {
            FileUtils.deleteDirectory(folder.toFile());
        }
        SeasonalNaive naive = SeasonalNaive.normal();
        double[] checksum = new double[1];
        Throughput baseline = Throughput.measure(
                () -> pass(naive, contexts, levels, checksum),
                () -> pass(naive, contexts, levels, checksum),
                minimum);
        if (!Double.isFinite(checksum[0])) {
            throw new IllegalStateException("seasonal naive produced non-finite forecasts on finite contexts");
        }

        out.printf(Locale.ROOT, "  %-16s %12.1f series/s  (%d series in %.2f s)%n", "model (" + tokenizer.name()
                .toLowerCase(Locale.ROOT) + ")", model.seriesPerSecond(), model.series(), seconds(model));
        out.printf(Locale.ROOT, "  %-16s %12.1f series/s  (%d series in %.2f s, seasonal period %d)%n",
                "seasonal naive", baseline.seriesPerSecond(), baseline.series(), seconds(baseline),
                BenchContexts.SEASONAL_PERIOD);
        out.printf(Locale.ROOT, "  model / seasonal naive = %.5f%n", model.seriesPerSecond()
                / baseline.seriesPerSecond());
        if (!noEts) {
            Ets ets = Ets.auto();
            Throughput etsThroughput = Throughput.measure(
                    () -> pass(ets, contexts.subList(0, Math.min(4, contexts.size())), levels, checksum),
                    () -> pass(ets, contexts, levels, checksum),
                    minimum);
            out.printf(Locale.ROOT, "  %-16s %12.1f series/s  (%d series in %.2f s, seasonal period %d)%n", "ets",
                    etsThroughput.seriesPerSecond(), etsThroughput.series(), seconds(etsThroughput),
                    BenchContexts.SEASONAL_PERIOD);
            out.printf(Locale.ROOT, "  model / ets = %.1f%n", model.seriesPerSecond() / etsThroughput.seriesPerSecond());
            if (adapted != null) {
                out.printf(Locale.ROOT, "  %-16s %12.1f series/s  (%d series in %.2f s, adaptation included)%n",
                        "model adapted " + adaptSeconds + " s", adapted.seriesPerSecond(), adapted.series(),
                        seconds(adapted));
                out.printf(Locale.ROOT, "  model adapted / ets = %.2f%n",
                        adapted.seriesPerSecond() / etsThroughput.seriesPerSecond());
            }
        }
        out.flush();
        return 0;
    }

    /** A network of the given size, with the window the tokenizer needs. */
    static CheckpointConfig sizedConfig(TokenizerKind tokenizer, int context, int reach, int layers, int width,
            int heads) {
        GptConfig defaults = GptConfig.builder().optDropout(0f).optLayers(layers).optWidth(width).optHeads(heads).build();
        Map<String, Object> provenance = Map.of("purpose", "throughput benchmark; random weights");
        if (tokenizer == TokenizerKind.PATCH) {
            int patch = TokenizerConfig.DEFAULT_PATCH_LENGTH;
            int tokens = (context + patch - 1) / patch;
            GptConfig architecture = tokens <= defaults.contextLength() ? defaults
                    : GptConfig.builder().optDropout(0f).optLayers(layers).optWidth(width).optHeads(heads)
                    .optContextLength(tokens).build();
            return CheckpointConfig.patches("bench", "1", architecture, TokenizerConfig.patches(patch),
                    new SeriesHeadConfig(context, reach, QuantileLevels.DECILES.toArray()), provenance);
        }
        GptConfig architecture = context + reach <= defaults.contextLength() ? defaults
                : GptConfig.builder().optDropout(0f).optLayers(layers).optWidth(width).optHeads(heads)
                .optContextLength(context + reach).build();
        return CheckpointConfig.bins("bench", "1", architecture, TokenizerConfig.bins(TokenizerConfig.DEFAULT_BINS),
                new SeriesHeadConfig(context, reach, new double[0]), provenance);
    }

    /** Forecasts every context with {@code method} one by one, as a backtest would; returns how many. */
    private int pass(ForecastMethod method, List<double[]> contexts, QuantileLevels levels, double[] checksum) {
        for (double[] values : contexts) {
            MethodForecast forecast = method.forecast(values, BenchContexts.SEASONAL_PERIOD, horizon, levels);
            checksum[0] += forecast.mean(horizon - 1); // read, so the JIT cannot drop the work
        }
        return contexts.size();
    }

    private static double seconds(Throughput throughput) {
        return throughput.elapsed().toNanos() / 1e9;
    }

    private static void requirePositive(CommandLine commandLine, String option, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(commandLine, option + " must be positive, was " + value);
        }
    }
}
