package io.tidewise.training.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import io.tidewise.training.data.DatasetSpec;
import io.tidewise.training.data.DevelopmentSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite run on a small generated data folder: every series scored, tables per split and per kind. */
class SuiteEvaluationTest {
    @TempDir
    Path data;

    @Test
    void scoresEverySeriesAndSummarisesPerKind() throws IOException {
        writeSeasonal("monthly.csv", "m", 5, 60, 12);
        writeSeasonal("mixed.csv", "a::", 3, 80, 4);
        writeSeasonal("other.csv", "b::", 2, 80, 4); // appended to mixed.csv below
        Files.writeString(data.resolve("mixed.csv"), Files.readString(data.resolve("other.csv"))
                .replace("series_id,timestamp,value\n", ""), java.nio.file.StandardOpenOption.APPEND);
        DevelopmentSuite suite = new DevelopmentSuite(List.of(
                new DatasetSpec("months", "monthly", "monthly.csv", null, null, 6, 2, 12, false, 0),
                new DatasetSpec("quarters-a", "quarterly", "mixed.csv", null, List.of("a::"), 4, 3, 4, false, 0),
                new DatasetSpec("quarters-b", "quarterly", "mixed.csv", null, List.of("b::"), 4, 3, 4, true, 0),
                new DatasetSpec("absent", "yearly", "absent.csv", null, null, 4, 1, 1, true, 0)));
        List<String> progress = new ArrayList<>();

        List<SuiteEvaluation.DatasetResult> results = SuiteEvaluation.run(suite, data, List.of(), true, 0, 2,
                progress::add);

        assertEquals(3, results.size());
        assertEquals(5, results.get(0).reports().get(0).series().stream().filter(s -> s.method().equals("ets"))
                .count());
        assertEquals(2, results.get(2).reports().get(0).series().stream().filter(s -> s.method().equals("ets"))
                .count());
        Map<String, Map<String, Map<String, double[]>>> byKind = SuiteEvaluation.byKind(results);
        assertEquals(List.of("monthly", "quarterly"), List.copyOf(byKind.keySet()));
        assertEquals(List.of("in-domain", "all"), List.copyOf(byKind.get("monthly").keySet()));
        assertEquals(List.of("in-domain", "zero-shot", "all"), List.copyOf(byKind.get("quarterly").keySet()));
        assertEquals(5, (int) byKind.get("quarterly").get("all").get("theta")[2]);
        assertEquals(10, (int) SuiteEvaluation.headline(results).get("all").get("ets")[2]);
        Map<String, Object> summary = SuiteEvaluation.summary(results);
        @SuppressWarnings("unchecked")
        var kinds = (Map<String, Map<String, Map<String, SuiteEvaluation.RelativeScores>>>) summary.get("byKind");
        SuiteEvaluation.RelativeScores quarterlyTheta = kinds.get("quarterly").get("all").get("theta");
        assertEquals(5, quarterlyTheta.series());
        assertEquals(byKind.get("quarterly").get("all").get("theta")[0], quarterlyTheta.relativeMase());
        assertEquals(byKind.get("quarterly").get("all").get("theta")[1], quarterlyTheta.relativeWql());
        String markdown = SuiteEvaluation.toMarkdown(results);
        assertTrue(markdown.contains("| quarterly | zero-shot | ets |"), markdown);
        assertTrue(markdown.contains("**quarters-b** (quarterly, zero-shot, horizon 4, 3 window(s) per series)"),
                markdown);
        assertTrue(progress.stream().anyMatch(line -> line.contains("absent.csv not found")), progress.toString());
    }

    @Test
    void everyMethodIsGivenContextsAsLongAsTheCallerAsks() throws IOException {
        writeSeasonal("hourly.csv", "h", 1, 1300, 24);
        DevelopmentSuite suite = new DevelopmentSuite(List.of(
                new DatasetSpec("hours", "hourly", "hourly.csv", null, null, 24, 2, 24, false, 0)));
        List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());
        ForecastMethod recording = new ForecastMethod() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public MethodForecast forecast(double[] context, int seasonalPeriod, int horizon, QuantileLevels levels) {
                lengths.add(context.length);
                return SeasonalNaive.normal().forecast(context, seasonalPeriod, horizon, levels);
            }
        };

        SuiteEvaluation.run(suite, data, List.of(recording), false, 0, 1, false, progress -> {});
        assertEquals(List.of(SuiteEvaluation.DEFAULT_MAX_CONTEXT, SuiteEvaluation.DEFAULT_MAX_CONTEXT), lengths);
        lengths.clear();
        SuiteEvaluation.run(suite, data, List.of(recording), false, 0, 1, false, 1024, progress -> {});
        assertEquals(List.of(1024, 1024), lengths);
    }

    /** Series {@code prefix + i}: a level, a trend, a season of {@code period} and a deterministic wiggle. */
    private void writeSeasonal(String file, String prefix, int count, int length, int period) throws IOException {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < length; t++) {
                double value = 100 + 10 * i + 0.3 * t + 5 * Math.sin(2 * Math.PI * t / period)
                        + Math.sin(7.3 * t + i);
                csv.append(prefix).append(i).append(',').append(t + 1).append(',').append(value).append('\n');
            }
        }
        Files.writeString(data.resolve(file), csv);
    }
}
