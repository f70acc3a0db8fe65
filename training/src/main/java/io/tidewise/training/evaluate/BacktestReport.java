package io.tidewise.training.evaluate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tidewise.core.QuantileLevels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@link Backtest}: the settings, one {@link MethodSummary} per method (baseline first) and one
 * {@link SeriesScore} per method and series. Prints as a fixed-width table and writes as JSON (the
 * {@code metrics.json} of a model card), undefined scores as {@code null}.
 */
public record BacktestReport(String baseline, int horizon, int stride, int windowsPerSeries, double[] levels,
        List<MethodSummary> summaries, List<SeriesScore> series) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("non-finite-as-null")
                    .addSerializer(Double.class, new NonFiniteAsNull())
                    .addSerializer(double.class, new NonFiniteAsNull())
                    .addDeserializer(Double.class, new NullAsNaN())
                    .addDeserializer(double.class, new NullAsNaN()));

    public BacktestReport {
        summaries = List.copyOf(summaries);
        series = List.copyOf(series);
        levels = levels.clone();
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    /** Fills in the relative scores and aggregates; {@code scores} hold one entry per method and series. */
    static BacktestReport of(String baseline, RollingOrigin windows, QuantileLevels levels, List<String> methods,
            List<Double> seconds, List<SeriesScore> scores) {
        Map<String, SeriesScore> baselineBySeries = new HashMap<>();
        for (SeriesScore score : scores) {
            if (score.method().equals(baseline)) {
                baselineBySeries.put(score.series(), score);
            }
        }
        List<SeriesScore> relative = new ArrayList<>();
        for (SeriesScore score : scores) {
            SeriesScore reference = baselineBySeries.get(score.series());
            relative.add(new SeriesScore(score.series(), score.method(), score.windows(), score.mase(), score.smape(),
                    score.wql(), score.coverage80(), ratio(score.mase(), reference.mase()),
                    ratio(score.wql(), reference.wql())));
        }
        List<MethodSummary> summaries = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            List<SeriesScore> own = relative.stream().filter(score -> score.method().equals(method)).toList();
            int relativeSeries = 0;
            for (SeriesScore score : own) {
                if (usableRatio(score.relativeMase()) && usableRatio(score.relativeWql())) {
                    relativeSeries++;
                }
            }
            summaries.add(new MethodSummary(method, own.size(), own.stream().mapToInt(SeriesScore::windows).sum(),
                    arithmeticMean(own.stream().mapToDouble(SeriesScore::mase).toArray()),
                    arithmeticMean(own.stream().mapToDouble(SeriesScore::smape).toArray()),
                    arithmeticMean(own.stream().mapToDouble(SeriesScore::wql).toArray()),
                    arithmeticMean(own.stream().mapToDouble(SeriesScore::coverage80).toArray()),
                    geometricMean(own.stream().mapToDouble(SeriesScore::relativeMase).toArray()),
                    geometricMean(own.stream().mapToDouble(SeriesScore::relativeWql).toArray()),
                    relativeSeries, seconds.get(i)));
        }
        return new BacktestReport(baseline, windows.horizon(), windows.stride(), windows.windows(), levels.toArray(),
                summaries, relative);
    }

    /** The summary of {@code method}. */
    public MethodSummary summary(String method) {
        return summaries.stream().filter(summary -> summary.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("method '" + method + "' is not in this report; it has "
                        + summaries.stream().map(MethodSummary::method).toList()));
    }

    /** The scores of {@code method} on {@code seriesId}. */
    public SeriesScore score(String method, String seriesId) {
        return series.stream().filter(score -> score.method().equals(method) && score.series().equals(seriesId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no score for method '" + method + "' on series '"
                        + seriesId + "'"));
    }

    /** The summaries as a fixed-width table, one row per method. */
    public String toTable() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-26s %6s %7s %8s %8s %8s %7s %9s %9s %8s%n", "method", "series",
                "windows", "MASE", "sMAPE", "WQL", "cov80", "relMASE", "relWQL", "seconds"));
        for (MethodSummary summary : summaries) {
            table.append(String.format(Locale.ROOT, "%-26s %6d %7d %8.4f %8.3f %8.4f %7.3f %9.4f %9.4f %8.2f%n",
                    summary.method(), summary.series(), summary.windows(), summary.meanMase(), summary.meanSmape(),
                    summary.meanWql(), summary.meanCoverage80(), summary.geometricMeanRelativeMase(),
                    summary.geometricMeanRelativeWql(), summary.seconds()));
        }
        table.append(String.format(Locale.ROOT, "horizon %d, stride %d, up to %d windows per series; rel* = "
                + "geometric mean over series of the ratio to %s%n", horizon, stride, windowsPerSeries, baseline));
        return table.toString();
    }

    /** The per-series scores as a fixed-width table, one row per series and method, in report order. */
    public String toSeriesTable() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-30s %-26s %7s %8s %8s %8s %7s %9s %9s%n", "series", "method",
                "windows", "MASE", "sMAPE", "WQL", "cov80", "relMASE", "relWQL"));
        for (SeriesScore score : series) {
            table.append(String.format(Locale.ROOT, "%-30s %-26s %7d %8.4f %8.3f %8.4f %7.3f %9.4f %9.4f%n",
                    score.series(), score.method(), score.windows(), score.mase(), score.smape(), score.wql(),
                    score.coverage80(), score.relativeMase(), score.relativeWql()));
        }
        return table.toString();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backtest report as JSON", e);
        }
    }

    public void writeJson(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backtest report to " + file, e);
        }
    }

    /** Reads a report written by {@link #toJson()} (undefined scores come back as NaN). */
    public static BacktestReport fromJson(String json) {
        try {
            return JSON.readValue(json, BacktestReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a backtest report from JSON", e);
        }
    }

    private static double ratio(double value, double reference) {
        return Double.isFinite(value) && Double.isFinite(reference) && reference > 0 ? value / reference : Double.NaN;
    }

    private static boolean usableRatio(double ratio) {
        return Double.isFinite(ratio) && ratio > 0;
    }

    static double arithmeticMean(double[] values) {
        double sum = 0;
        int count = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** exp(mean(log r)) over the finite, positive values; NaN when there is none. */
    static double geometricMean(double[] ratios) {
        double sum = 0;
        int count = 0;
        for (double ratio : ratios) {
            if (usableRatio(ratio)) {
                sum += Math.log(ratio);
                count++;
            }
        }
        return count == 0 ? Double.NaN : Math.exp(sum / count);
    }

    private static final class NonFiniteAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                generator.writeNull();
            } else {
                generator.writeNumber(value);
            }
        }
    }

    /** Reads back the {@code null} that {@link NonFiniteAsNull} wrote as NaN, also into primitive fields. */
    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }
    }
}
