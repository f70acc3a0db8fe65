package io.tidewise.training.suite;

import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.training.baseline.Ets;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.baseline.Theta;
import io.tidewise.training.data.DatasetSpec;
import io.tidewise.training.data.DevelopmentSuite;
import io.tidewise.training.evaluate.Backtest;
import io.tidewise.training.evaluate.BacktestReport;
import io.tidewise.training.evaluate.EvaluationSeries;
import io.tidewise.training.evaluate.RollingOrigin;
import io.tidewise.training.evaluate.SeriesScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Backtests methods on every dataset of the development suite that is present: the windows each dataset names,
 * seasonal naive, ETS and Theta beside the given GPT methods in the same run, the same context for all (at most
 * {@link #MAX_CONTEXT} values, the default model's context length).
 */
public final class SuiteEvaluation {
    public static final int MAX_CONTEXT = 512;

    private SuiteEvaluation() {}

    /** One dataset's backtests (one per distinct horizon: M1 mixes yearly, quarterly and monthly series). */
    public record DatasetResult(DatasetSpec dataset, List<BacktestReport> reports) {}

    /**
     * @param maxSeries   cap on series per dataset, spread evenly over its file (0 = the dataset's own cap), to bound CPU time
     * @param classical   whether ETS and Theta run (seasonal naive always does: it is the yardstick)
     */
    public static List<DatasetResult> run(DevelopmentSuite suite, Path dataDirectory, List<ForecastMethod> methods,
            boolean classical, int maxSeries, Consumer<String> progress) throws IOException {
        List<DatasetResult> results = new ArrayList<>();
        for (DatasetSpec dataset : suite.datasets()) {
            Path file = dataDirectory.resolve(dataset.file());
            if (!Files.isRegularFile(file)) {
                progress.accept("dataset " + dataset.name() + ": " + file + " not found, skipped");
                continue;
            }
            int cap = maxSeries > 0 ? maxSeries : dataset.maxSeries();
            Map<Integer, List<EvaluationSeries>> byHorizon = evaluationSeries(dataset, dataDirectory, cap);
            List<BacktestReport> reports = new ArrayList<>();
            for (Map.Entry<Integer, List<EvaluationSeries>> group : byHorizon.entrySet()) {
                int horizon = group.getKey();
                int windows = dataset.testFile() == null ? dataset.windows() : 1;
                Backtest.Builder backtest = Backtest.builder()
                        .setWindows(RollingOrigin.builder().setHorizon(horizon).optStride(horizon).optWindows(windows)
                                .optMaxContext(MAX_CONTEXT).build())
                        .optLevels(QuantileLevels.DECILES)
                        .optBaseline(SeasonalNaive.normal());
                if (classical) {
                    backtest.addMethod(Ets.auto()).addMethod(new Theta());
                }
                methods.forEach(backtest::addMethod);
                progress.accept(String.format(Locale.ROOT, "dataset %s: %d series, horizon %d, %d window(s)",
                        dataset.name(), group.getValue().size(), horizon, windows));
                reports.add(backtest.build().run(group.getValue()));
            }
            results.add(new DatasetResult(dataset, reports));
        }
        return results;
    }

    private static Map<Integer, List<EvaluationSeries>> evaluationSeries(DatasetSpec dataset, Path directory, int cap)
            throws IOException {
        Map<Integer, List<EvaluationSeries>> byHorizon = new TreeMap<>();
        LongCsvContent content = LongCsvReader.read(directory.resolve(dataset.file()));
        LongCsvContent test = dataset.testFile() == null ? null : LongCsvReader.read(directory.resolve(dataset.testFile()));
        List<SeriesData> all = content.series();
        // an even spread over the file, not its first series: M1 lists all yearly series before the monthly ones
        List<SeriesData> chosen = new ArrayList<>();
        int count = cap > 0 ? Math.min(cap, all.size()) : all.size();
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        for (SeriesData data : chosen) {
            double[] values = data.values();
            int horizon = dataset.horizon();
            if (test != null) {
                var future = test.find(data.series().value());
                if (future.isEmpty()) {
                    continue;
                }
                double[] tail = future.get().values();
                double[] joined = java.util.Arrays.copyOf(values, values.length + tail.length);
                System.arraycopy(tail, 0, joined, values.length, tail.length);
                values = joined;
                horizon = tail.length;
            } else if (values.length < dataset.horizon() * dataset.windows() + 2) {
                continue;
            }
            byHorizon.computeIfAbsent(horizon, h -> new ArrayList<>())
                    .add(new EvaluationSeries(dataset.name() + "/" + data.series(), values, dataset.seasonalPeriod()));
        }
        return byHorizon;
    }

    /**
     * Geometric mean over every series of every dataset of a method's MASE and WQL ratios to seasonal naive, split
     * into in-domain and zero-shot datasets: the headline numbers of a model card.
     */
    public static Map<String, Map<String, double[]>> headline(List<DatasetResult> results) {
        Map<String, Map<String, List<double[]>>> ratios = new LinkedHashMap<>();
        for (DatasetResult result : results) {
            String split = result.dataset().zeroShot() ? "zero-shot" : "in-domain";
            for (BacktestReport report : result.reports()) {
                for (SeriesScore score : report.series()) {
                    if (score.method().equals(report.baseline())) {
                        continue;
                    }
                    for (String key : List.of(split, "all")) {
                        ratios.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .computeIfAbsent(score.method(), k -> new ArrayList<>())
                                .add(new double[] {score.relativeMase(), score.relativeWql()});
                    }
                }
            }
        }
        Map<String, Map<String, double[]>> headline = new LinkedHashMap<>();
        ratios.forEach((split, methods) -> {
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

    /** The results as Markdown: a headline table, then one table per dataset. */
    public static String toMarkdown(List<DatasetResult> results) {
        StringBuilder markdown = new StringBuilder();
        markdown.append("Geometric mean over series of the ratio to seasonal naive (lower is better; < 1 beats it):\n\n");
        markdown.append("| split | method | rel. MASE | rel. WQL | series |\n|---|---|---:|---:|---:|\n");
        headline(results).forEach((split, methods) -> methods.forEach((method, values) ->
                markdown.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %d |%n", split, method, values[0],
                        values[1], (int) values[2]))));
        for (DatasetResult result : results) {
            for (BacktestReport report : result.reports()) {
                markdown.append(String.format(Locale.ROOT, "%n**%s** (%s, horizon %d, %d window(s) per series)%n%n",
                        result.dataset().name(), result.dataset().zeroShot() ? "zero-shot" : "in-domain",
                        report.horizon(), report.windowsPerSeries()));
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
