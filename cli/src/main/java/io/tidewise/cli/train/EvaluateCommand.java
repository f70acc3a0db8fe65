package io.tidewise.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidewise.cli.forecast.InferenceOptions;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.model.forecast.GptForecaster;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.baseline.Theta;
import io.tidewise.training.data.DatasetSpec;
import io.tidewise.training.data.DevelopmentSuite;
import io.tidewise.training.evaluate.Backtest;
import io.tidewise.training.evaluate.BacktestReport;
import io.tidewise.training.evaluate.EvaluationSeries;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.training.adapt.HistoryAdaptation;
import io.tidewise.training.evaluate.AdaptingForecasterMethod;
import io.tidewise.training.evaluate.ForecasterMethod;
import io.tidewise.training.evaluate.RollingOrigin;
import io.tidewise.training.suite.SuiteEvaluation;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tidewise train evaluate}: rolling-origin backtests of models beside seasonal naive, ETS and Theta. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Backtest models on held-out windows beside seasonal naive, ETS and Theta, in the same run:",
                "either the development suite found in --data-dir, or any long CSV (--input with --horizon).",
                "Prints MASE, sMAPE, WQL, 80%% coverage and geometric-mean ratios to seasonal naive."})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", split = ",",
            description = "checkpoint directories; each becomes a method named after its name@version")
    List<Path> models = new ArrayList<>();

    @Option(names = "--baselines-only", description = "no model: seasonal naive, ETS and Theta only (instead of --model)")
    boolean baselinesOnly;

    @Option(names = "--label", split = ",", description = "method names for the models, in the same order")
    List<String> labels = new ArrayList<>();

    @Option(names = "--data-dir", description = "folder with the development suite's long CSVs")
    Path dataDirectory;

    @Option(names = "--datasets", split = ",", description = "only these datasets of the suite (names as in suite.md)")
    List<String> datasetNames = new ArrayList<>();

    @Option(names = "--input", description = "a long CSV to backtest instead of the suite")
    Path input;

    @Option(names = "--horizon", defaultValue = "0", description = "steps per window (with --input)")
    int horizon;

    @Option(names = "--windows", defaultValue = "1", description = "windows per series (with --input)")
    int windows;

    @Option(names = "--season", defaultValue = "1", description = "seasonal period m (with --input)")
    int season;

    @Option(names = "--max-series", defaultValue = "0",
            description = "cap on series per dataset, spread over it (0, the default: every series)")
    int maxSeries;

    @Option(names = "--threads", defaultValue = "0",
            description = "threads for the baselines (0, the default: one per processor); results do not depend on it")
    int threads;

    @Option(names = "--adapt-seconds", split = ",",
            description = "also score every --model as forecast --adapt-seconds N scores it, for each N given (a copy"
                    + " fine-tuned on each dataset's contexts); implies --last-window-only")
    List<Double> adaptSeconds = new ArrayList<>();

    @Option(names = "--adapt-lr", defaultValue = "1e-3",
            description = "learning rate of the --adapt-seconds fine-tunes (default: ${DEFAULT-VALUE}, forecast's)")
    float adaptLearningRate;

    @Option(names = "--adapt-tuned", paramLabel = "PARAMETERS",
            description = "which parameters the --adapt-seconds fine-tunes change: ${COMPLETION-CANDIDATES} (default:"
                    + " ${DEFAULT-VALUE}, forecast's)")
    HistoryAdaptation.TunedParameters adaptTuned = HistoryAdaptation.Settings.DEFAULT_TUNED;

    @Option(names = "--no-flip", description = "also score every --model without flip averaging (label+no-flip): the"
            + " forecaster averages f(x) and -f(-x) for windows neither floored at zero nor cyclic")
    boolean noFlip;

    @Option(names = "--values-only", description = "also score every --model without steady trends forecast through"
            + " their differences (label+values-only), to measure what that gains")
    boolean valuesOnly;

    @Option(names = "--steady-drift", split = ",", paramLabel = "<standardErrors>",
            description = "also score every --model with this steady-trends rule, for each value given: a series counts"
                    + " as steady when its mean step is this many standard errors from zero (label+steadyN; the"
                    + " forecaster's default is 3)")
    List<Double> steadyDrifts = new ArrayList<>();

    @Option(names = "--seasonal-margin", split = ",", paramLabel = "<margin>",
            description = "also score every --model with this seasonal-cycles margin, for each value given"
                    + " (label+seasonalN): a series with a cycle is forecast through its seasonal differences where"
                    + " their backtest error on the context is below this share of the usual one's; 0 turns that off"
                    + " (the forecaster's default is 0.5)")
    List<Double> seasonalMargins = new ArrayList<>();

    @Option(names = "--last-window-only", description = "score each series on its last window only")
    boolean lastWindowOnly;

    @Option(names = "--no-classical", description = "skip ETS and Theta (seasonal naive always runs)")
    boolean noClassical;

    @Option(names = "--report", description = "also write the results here: .md for tables, .json for metrics")
    Path report;

    @Override
    public Integer call() throws Exception {
        if ((dataDirectory == null) == (input == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --data-dir and --input");
        }
        if (models.isEmpty() == !baselinesOnly) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --model and --baselines-only");
        }
        if (!labels.isEmpty() && labels.size() != models.size()) {
            throw new ParameterException(spec.commandLine(), "--label must name every --model (" + models.size()
                    + "), named " + labels.size());
        }
        Set<Double> steadyDriftsSeen = new HashSet<>();
        for (double standardErrors : steadyDrifts) {
            InferenceOptions.checkSteadyDrift(spec.commandLine(), standardErrors);
            if (!steadyDriftsSeen.add(standardErrors)) {
                throw new ParameterException(spec.commandLine(), "--steady-drift gives " + standardErrors + " twice");
            }
        }
        for (double margin : seasonalMargins) {
            InferenceOptions.checkSeasonalMargin(spec.commandLine(), margin);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<GptForecaster> forecasters = new ArrayList<>();
        List<Checkpoint> adaptable = new ArrayList<>();
        try {
            List<ForecastMethod> methods = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                GptForecaster forecaster = GptForecaster.load(models.get(i));
                forecasters.add(forecaster);
                String label = labels.isEmpty() ? forecaster.modelId() : labels.get(i);
                methods.add(new ForecasterMethod(forecaster, label));
                if (noFlip) {
                    GptForecaster unflipped = variant(models.get(i), builder -> builder.optFlipAveraging(false));
                    forecasters.add(unflipped);
                    methods.add(new ForecasterMethod(unflipped, label + "+no-flip"));
                }
                if (valuesOnly) {
                    GptForecaster plain = variant(models.get(i),
                            builder -> builder.optSteadyTrendsThroughDifferences(false));
                    forecasters.add(plain);
                    methods.add(new ForecasterMethod(plain, label + "+values-only"));
                }
                for (double standardErrors : steadyDrifts) {
                    GptForecaster ruled = variant(models.get(i),
                            builder -> builder.optSteadyDriftStandardErrors(standardErrors));
                    forecasters.add(ruled);
                    methods.add(new ForecasterMethod(ruled, String.format(Locale.ROOT, "%s+steady%s", label,
                            BigDecimal.valueOf(standardErrors).stripTrailingZeros().toPlainString())));
                }
                for (double margin : seasonalMargins) {
                    GptForecaster cyclic = variant(models.get(i), builder -> builder.optSeasonalCycles(margin));
                    forecasters.add(cyclic);
                    methods.add(new ForecasterMethod(cyclic, String.format(Locale.ROOT, "%s+seasonal%s", label,
                            BigDecimal.valueOf(margin).stripTrailingZeros().toPlainString())));
                }
                for (double seconds : adaptSeconds) {
                    Checkpoint checkpoint = Checkpoint.load(models.get(i));
                    adaptable.add(checkpoint);
                    HistoryAdaptation.Settings settings = new HistoryAdaptation.Settings(
                            java.time.Duration.ofMillis(Math.round(seconds * 1000)), 1_000_000,
                            HistoryAdaptation.Settings.DEFAULT_BATCH, adaptLearningRate, 42, adaptTuned);
                    methods.add(new AdaptingForecasterMethod(checkpoint, settings,
                            String.format(Locale.ROOT, "%s+adapt%.0fs", label, seconds),
                            line -> spec.commandLine().getErr().println(line)));
                }
            }
            // Every method sees the same windows; they are as long as the longest context any model reads.
            int maxContext = Math.max(SuiteEvaluation.DEFAULT_MAX_CONTEXT,
                    forecasters.stream().mapToInt(GptForecaster::maxContextLength).max().orElse(0));
            spec.commandLine().getErr().printf(Locale.ROOT, "contexts: at most %d values, for every method%n",
                    maxContext);
            if (dataDirectory != null) {
                DevelopmentSuite suite = DevelopmentSuite.standard();
                if (!datasetNames.isEmpty()) {
                    List<String> known = suite.datasets().stream().map(DatasetSpec::name).toList();
                    for (String name : datasetNames) {
                        if (!known.contains(name)) {
                            throw new ParameterException(spec.commandLine(), "--datasets: no dataset '" + name
                                    + "' in the suite, which has " + String.join(", ", known));
                        }
                    }
                    suite = new DevelopmentSuite(suite.datasets().stream()
                            .filter(dataset -> datasetNames.contains(dataset.name())).toList(), suite.exclusions());
                }
                List<SuiteEvaluation.DatasetResult> results = SuiteEvaluation.run(suite,
                        dataDirectory, methods, !noClassical, maxSeries, threads(),
                        lastWindowOnly || !adaptSeconds.isEmpty(), maxContext,
                        line -> spec.commandLine().getErr().println(line));
                String markdown = SuiteEvaluation.toMarkdown(results);
                out.println(markdown);
                write(markdown, SuiteEvaluation.summary(results));
            } else {
                if (horizon <= 0) {
                    throw new ParameterException(spec.commandLine(), "--horizon must be positive with --input, was "
                            + horizon);
                }
                BacktestReport result = backtestFile(methods, maxContext);
                out.println(result.toTable());
                write(result.toTable(), result);
            }
            out.flush();
            return 0;
        } finally {
            forecasters.forEach(GptForecaster::close);
            adaptable.forEach(Checkpoint::close);
        }
    }

    private BacktestReport backtestFile(List<ForecastMethod> methods, int maxContext) throws java.io.IOException {
        LongCsvContent content = LongCsvReader.read(input);
        content.problems().forEach(problem -> spec.commandLine().getErr().println("skipped: " + problem));
        List<EvaluationSeries> series = new ArrayList<>();
        for (SeriesData data : content.series()) {
            if (maxSeries > 0 && series.size() >= maxSeries) {
                break;
            }
            series.add(new EvaluationSeries(data.series().value(), data.values(), season));
        }
        Backtest.Builder backtest = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(horizon).optStride(horizon).optWindows(windows)
                        .optMaxContext(maxContext).build())
                .optBaseline(SeasonalNaive.normal())
                .optThreads(threads());
        if (!noClassical) {
            backtest.addMethod(Ets.auto()).addMethod(new Theta());
        }
        methods.forEach(backtest::addMethod);
        return backtest.build().run(series);
    }

    private int threads() {
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must not be negative, was " + threads);
        }
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    private void write(String markdown, Object metrics) throws java.io.IOException {
        if (report == null) {
            return;
        }
        if (report.toString().endsWith(".json")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("evaluation", metrics);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), json);
        } else {
            Files.writeString(report, markdown);
        }
        spec.commandLine().getErr().println("wrote " + report);
    }

    /** A forecaster of its own over {@code model} with {@code settings}; the checkpoint is closed if building fails. */
    private static GptForecaster variant(Path model, UnaryOperator<GptForecaster.Builder> settings)
            throws java.io.IOException {
        Checkpoint checkpoint = Checkpoint.load(model);
        try {
            return settings.apply(GptForecaster.builder().setCheckpoint(checkpoint).optClosesCheckpoint(true)).build();
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }
}
