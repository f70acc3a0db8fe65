package io.tidewise.training.suite;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.baseline.Theta;
import io.tidewise.training.data.DatasetSpec;
import io.tidewise.training.data.DevelopmentSuite;
import io.tidewise.training.data.SeriesFiles;
import io.tidewise.training.data.SeriesFiles.SeriesValues;
import io.tidewise.training.evaluate.Backtest;
import io.tidewise.training.evaluate.BacktestReport;
import io.tidewise.training.evaluate.EvaluationSeries;
import io.tidewise.training.evaluate.RollingOrigin;
import io.tidewise.training.evaluate.SeriesScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Backtests methods on every dataset of the development suite that is present: the windows each dataset names,
 * seasonal naive, ETS and Theta beside the given GPT methods in the same run, the same context for all (at most
 * {@link #DEFAULT_MAX_CONTEXT} values, the default model's context length, unless a caller asks for more: a model
 * that reads longer contexts is scored on them, and so is every method beside it).
 */
public final class SuiteEvaluation {
    public static final int DEFAULT_MAX_CONTEXT = 512;

    private SuiteEvaluation() {}

    /** One dataset's backtests (one per distinct horizon: M1 mixes yearly, quarterly and monthly series). */
    public record DatasetResult(DatasetSpec dataset, List<BacktestReport> reports) {}

    /**
     * Runs on as many threads as the machine has processors (for the thread-safe baselines; results do not depend
     * on the thread count).
     *
     * @param maxSeries   cap on series per dataset, spread evenly over its file (0 = the dataset's own cap), to bound CPU time
     * @param classical   whether ETS and Theta run (seasonal naive always does: it is the yardstick)
     */
    public static List<DatasetResult> run(DevelopmentSuite suite, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, Consumer<String> progress) throws IOException {
        return run(suite, dataDirectory, methods, classical, maxSeries, Runtime.getRuntime().availableProcessors(),
                progress);
    }

    /**
     * @param maxSeries   cap on series per dataset, spread evenly over its file (0 = the dataset's own cap), to bound CPU time
     * @param classical   whether ETS and Theta run (seasonal naive always does: it is the yardstick)
     * @param threads     threads for the thread-safe methods (the baselines)
     */
    public static List<DatasetResult> run(DevelopmentSuite suite, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, int threads, Consumer<String> progress) throws IOException {
        return run(suite, dataDirectory, methods, classical, maxSeries, threads, false, progress);
    }

    /**
     * @param lastWindowOnly score each series on its last window only (the suite's latest origin), as methods that
     *                       adapt to the contexts they are given must be: with every window in one call, a later
     *                       window's context would hold an earlier window's targets
     */
    public static List<DatasetResult> run(DevelopmentSuite suite, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, int threads, boolean lastWindowOnly, Consumer<String> progress)
            throws IOException {
        return run(suite, dataDirectory, methods, classical, maxSeries, threads, lastWindowOnly, DEFAULT_MAX_CONTEXT,
                progress);
    }

    /** @param maxContext the most values of history any window's context holds, the same for every method */
    public static List<DatasetResult> run(DevelopmentSuite suite, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, int threads, boolean lastWindowOnly, int maxContext,
            Consumer<String> progress) throws IOException {
        List<DatasetResult> results = new ArrayList<>();
        // Each file is read once and kept until the last dataset that uses it is done.
        Map<String, Map<String, SeriesValues>> cache = new HashMap<>();
        Map<String, Integer> usesLeft = new HashMap<>();
        for (DatasetSpec dataset : suite.datasets()) {
            filesOf(dataset).forEach(name -> usesLeft.merge(name, 1, Integer::sum));
        }
        for (DatasetSpec dataset : suite.datasets()) {
            try {
                DatasetResult result = runDataset(dataset, dataDirectory, methods, classical, maxSeries, threads,
                        lastWindowOnly, maxContext, progress, cache);
                if (result != null) {
                    results.add(result);
                }
            } finally {
                for (String name : filesOf(dataset)) {
                    if (usesLeft.merge(name, -1, Integer::sum) == 0) {
                        cache.remove(name);
                    }
                }
            }
        }
        return results;
    }

    private static List<String> filesOf(DatasetSpec dataset) {
        return dataset.testFile() == null ? List.of(dataset.file()) : List.of(dataset.file(), dataset.testFile());
    }

    /** One dataset's backtests, or null when its file is absent. */
    private static DatasetResult runDataset(DatasetSpec dataset, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, int threads, boolean lastWindowOnly, int maxContext,
            Consumer<String> progress, Map<String, Map<String, SeriesValues>> cache) throws IOException {
        Path file = dataDirectory.resolve(dataset.file());
        if (!Files.isRegularFile(file)) {
            progress.accept("dataset " + dataset.name() + ": " + file + " not found, skipped");
            return null;
        }
        int cap = maxSeries > 0 ? maxSeries : dataset.maxSeries();
        Map<Integer, List<EvaluationSeries>> byHorizon = evaluationSeries(dataset, dataDirectory, cap, cache);
        List<BacktestReport> reports = new ArrayList<>();
        for (Map.Entry<Integer, List<EvaluationSeries>> group : byHorizon.entrySet()) {
            int horizon = group.getKey();
            int windows = dataset.testFile() == null && !lastWindowOnly ? dataset.windows() : 1;
            Backtest.Builder backtest = Backtest.builder()
                    .setWindows(RollingOrigin.builder().setHorizon(horizon).optStride(horizon).optWindows(windows)
                            .optMaxContext(maxContext).build())
                    .optLevels(QuantileLevels.DECILES)
                    .optBaseline(SeasonalNaive.normal())
                    .optThreads(threads);
            if (classical) {
                backtest.addMethod(Ets.auto()).addMethod(new Theta());
            }
            methods.forEach(backtest::addMethod);
            long started = System.nanoTime();
            reports.add(backtest.build().run(group.getValue()));
            progress.accept(String.format(Locale.ROOT, "dataset %s (%s, %s): %d series, horizon %d, %d window(s),"
                    + " %.1f s", dataset.name(), dataset.kind(), split(dataset), group.getValue().size(), horizon,
                    windows, (System.nanoTime() - started) / 1e9));
        }
        return new DatasetResult(dataset, reports);
    }

    private static String split(DatasetSpec dataset) {
        return dataset.zeroShot() ? "zero-shot" : "in-domain";
    }

    private static Map<Integer, List<EvaluationSeries>> evaluationSeries(DatasetSpec dataset, Path directory, int cap,
            Map<String, Map<String, SeriesValues>> cache) throws IOException {
        Map<Integer, List<EvaluationSeries>> byHorizon = new TreeMap<>();
        Map<String, SeriesValues> content = read(directory, dataset.file(), cache);
        Map<String, SeriesValues> test = dataset.testFile() == null ? null
                : read(directory, dataset.testFile(), cache);
        List<SeriesValues> all = content.values().stream().filter(data -> dataset.includes(data.id())).toList();
        // an even spread over the file, not its first series: M1 lists all yearly series before the monthly ones
        List<SeriesValues> chosen = new ArrayList<>();
        int count = cap > 0 ? Math.min(cap, all.size()) : all.size();
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        for (SeriesValues data : chosen) {
            double[] values = data.values();
            int horizon = dataset.horizon();
            if (test != null) {
                SeriesValues future = test.get(data.id());
                if (future == null) {
                    continue;
                }
                double[] tail = future.values();
                double[] joined = java.util.Arrays.copyOf(values, values.length + tail.length);
                System.arraycopy(tail, 0, joined, values.length, tail.length);
                values = joined;
                horizon = tail.length;
            } else if (values.length < dataset.horizon() + 2) {
                continue; // not even one window with two values of context; longer series get what windows fit
            }
            byHorizon.computeIfAbsent(horizon, h -> new ArrayList<>())
                    .add(new EvaluationSeries(dataset.name() + "/" + data.id(), values, dataset.seasonalPeriod()));
        }
        return byHorizon;
    }

    private static Map<String, SeriesValues> read(Path directory, String file,
            Map<String, Map<String, SeriesValues>> cache) throws IOException {
        Map<String, SeriesValues> content = cache.get(file);
        if (content == null) {
            content = new java.util.LinkedHashMap<>();
            for (SeriesValues series : SeriesFiles.read(directory.resolve(file))) {
                content.put(series.id(), series);
            }
            cache.put(file, content);
        }
        return content;
    }

    /**
     * Geometric mean over every series of every dataset of a method's MASE and WQL ratios to seasonal naive, split
     * into in-domain and zero-shot datasets and all: the headline numbers of a model card. Each value is
     * {relative MASE, relative WQL, series}.
     */
    public static Map<String, Map<String, double[]>> headline(List<DatasetResult> results) {
        return summarise(results);
    }

    /**
     * {@link #headline} per kind of series (the datasets' {@link DatasetSpec#kind()}): kind, then split
     * (in-domain, zero-shot, all), then method.
     */
    public static Map<String, Map<String, Map<String, double[]>>> byKind(List<DatasetResult> results) {
        Map<String, Map<String, Map<String, double[]>>> kinds = new LinkedHashMap<>();
        for (String kind : results.stream().map(result -> result.dataset().kind()).distinct().toList()) {
            kinds.put(kind, summarise(results.stream().filter(result -> result.dataset().kind().equals(kind))
                    .toList()));
        }
        return kinds;
    }

    /** One method's scores over a group of series, as the JSON report and {@code scripts/suite-chart.py} name them. */
    public record RelativeScores(double relativeMase, double relativeWql, int series) {}

    /**
     * {@link #headline} and {@link #byKind} as one value for a JSON report: {@code headline} (split, method) and
     * {@code byKind} (kind, split, method), each score named.
     */
    public static Map<String, Object> summary(List<DatasetResult> results) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("headline", named(headline(results)));
        Map<String, Object> kinds = new LinkedHashMap<>();
        byKind(results).forEach((kind, splits) -> kinds.put(kind, named(splits)));
        summary.put("byKind", kinds);
        return summary;
    }

    private static Map<String, Map<String, RelativeScores>> named(Map<String, Map<String, double[]>> splits) {
        Map<String, Map<String, RelativeScores>> named = new LinkedHashMap<>();
        splits.forEach((split, methods) -> {
            Map<String, RelativeScores> scores = new LinkedHashMap<>();
            methods.forEach((method, values) -> scores.put(method,
                    new RelativeScores(values[0], values[1], (int) values[2])));
            named.put(split, scores);
        });
        return named;
    }

    private static Map<String, Map<String, double[]>> summarise(List<DatasetResult> results) {
        Map<String, Map<String, List<double[]>>> ratios = new LinkedHashMap<>();
        for (String split : List.of("in-domain", "zero-shot", "all")) {
            ratios.put(split, new LinkedHashMap<>());
        }
        for (DatasetResult result : results) {
            String split = split(result.dataset());
            for (BacktestReport report : result.reports()) {
                for (SeriesScore score : report.series()) {
                    if (score.method().equals(report.baseline())) {
                        continue;
                    }
                    for (String key : List.of(split, "all")) {
                        ratios.get(key).computeIfAbsent(score.method(), k -> new ArrayList<>())
                                .add(new double[] {score.relativeMase(), score.relativeWql()});
                    }
                }
            }
        }
        Map<String, Map<String, double[]>> headline = new LinkedHashMap<>();
        ratios.forEach((split, methods) -> {
            if (methods.isEmpty()) {
                return;
            }
            Map<String, double[]> row = new LinkedHashMap<>();
            methods.forEach((method, pairs) -> row.put(method, new double[] {geometricMean(pairs, 0),
                    geometricMean(pairs, 1), pairs.size()}));
            headline.put(split, row);
        });
        return headline;
    }

    private static double geometricMean(List<double[]> pairs, int index) {
        double logs = 0;
        int count = 0;
        for (double[] pair : pairs) {
            double ratio = pair[index];
            if (Double.isFinite(ratio) && ratio > 0) {
                logs += Math.log(ratio);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.exp(logs / count);
    }

    /** Seconds each method took over the whole run (every dataset's backtests), in report order. */
    public static Map<String, Double> secondsByMethod(List<DatasetResult> results) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (DatasetResult result : results) {
            for (BacktestReport report : result.reports()) {
                report.summaries().forEach(summary -> seconds.merge(summary.method(), summary.seconds(), Double::sum));
            }
        }
        return seconds;
    }

    /**
     * The results as Markdown: the headline table (in-domain, zero-shot, all), one row group per kind of series,
     * the seconds per method, then one table per dataset.
     */
    public static String toMarkdown(List<DatasetResult> results) {
        StringBuilder markdown = new StringBuilder();
        markdown.append("Geometric mean over series of the ratio to seasonal naive (lower is better; < 1 beats it):\n\n");
        markdown.append("| split | method | rel. MASE | rel. WQL | series |\n|---|---|---:|---:|---:|\n");
        headline(results).forEach((split, methods) -> methods.forEach((method, values) ->
                markdown.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %d |%n", split, method, values[0],
                        values[1], (int) values[2]))));
        markdown.append("\nPer kind of series:\n\n");
        markdown.append("| kind | split | method | rel. MASE | rel. WQL | series |\n|---|---|---|---:|---:|---:|\n");
        byKind(results).forEach((kind, splits) -> splits.forEach((split, methods) -> methods.forEach((method, values) ->
                markdown.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f | %d |%n", kind, split, method,
                        values[0], values[1], (int) values[2])))));
        markdown.append("\nSeconds per method, all datasets: ");
        markdown.append(String.join(", ", secondsByMethod(results).entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue())).toList()));
        markdown.append("\n");
        for (DatasetResult result : results) {
            for (BacktestReport report : result.reports()) {
                markdown.append(String.format(Locale.ROOT, "%n**%s** (%s, %s, horizon %d, %d window(s) per series)%n%n",
                        result.dataset().name(), result.dataset().kind(), split(result.dataset()), report.horizon(),
                        report.windowsPerSeries()));
                markdown.append("| method | series | MASE | sMAPE | WQL | cov80 | rel. MASE | rel. WQL | seconds |\n");
                markdown.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
                report.summaries().forEach(summary -> markdown.append(String.format(Locale.ROOT,
                        "| %s | %d | %.3f | %.2f | %.3f | %.2f | %.3f | %.3f | %.1f |%n", summary.method(),
                        summary.series(), summary.meanMase(), summary.meanSmape(), summary.meanWql(),
                        summary.meanCoverage80(), summary.geometricMeanRelativeMase(),
                        summary.geometricMeanRelativeWql(), summary.seconds())));
            }
        }
        return markdown.toString();
    }
}
