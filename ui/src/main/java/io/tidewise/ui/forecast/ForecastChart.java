package io.tidewise.ui.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewise.core.Observation;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;

/**
 * Builds the ECharts option object of a forecast chart: observed history, realized values (observed after the
 * latest forecast was issued), the forecast median with its 10-90% and 20-80% bands, anomalies as red points, zoom
 * and pan ({@code dataZoom}), and hover values ({@code tooltip}). Each series carries an {@code id} (history,
 * realized, median, p10, band80, p90, p20, band60, p80, anomalies) that tests read back. A band is drawn as its
 * lower edge plus a stacked, filled width; the invisible edges show their own values on hover.
 */
public final class ForecastChart {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForecastChart() {}

    /** The option JSON for one series' chart. */
    public static String options(ForecastChartData data, ChartLabels labels) {
        ObjectNode root = frame();
        ArrayNode series = root.putArray("series");
        Instant issuedAt = data.latest().map(latest -> latest.issuedAt()).orElse(Instant.MAX);
        List<Observation> history = data.observations().stream()
                .filter(observation -> !observation.timestamp().isAfter(issuedAt)).toList();
        List<Observation> realized = data.observations().stream()
                .filter(observation -> observation.timestamp().isAfter(issuedAt)).toList();
        series.add(line("history", labels.history(), observations(history), "#1f77b4"));
        ObjectNode realizedLine = line("realized", labels.realized(), observations(realized), "#2ca02c");
        realizedLine.put("showSymbol", true).put("symbolSize", 5);
        series.add(realizedLine);
        data.track().ifPresent(track -> addForecast(series, track, labels));
        ObjectNode anomalies = series.addObject();
        anomalies.put("id", "anomalies").put("name", labels.anomalies()).put("type", "scatter")
                .put("symbolSize", 11).put("z", 5);
        anomalies.putObject("itemStyle").put("color", "#d62728");
        anomalies.set("data", observations(data.anomalies()));
        legend(root, series);
        return root.toString();
    }

    /**
     * A what-if chart: the context's tail, what really happened after the cut-off, and each method's median; the
     * model's 10-90% band.
     */
    public static String whatIfOptions(WhatIfResult result, ChartLabels labels) {
        ObjectNode root = frame();
        ArrayNode series = root.putArray("series");
        series.add(line("history", labels.history(), observations(result.contextTail()), "#1f77b4"));
        ObjectNode actual = line("realized", labels.realized(), observations(result.actuals()), "#2ca02c");
        actual.put("showSymbol", true).put("symbolSize", 5);
        series.add(actual);
        String[] colors = {"#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
        for (int m = 0; m < result.methods().size(); m++) {
            WhatIfResult.MethodOutcome method = result.methods().get(m);
            if (m == 0) {
                addBand(series, method.times(), method.lower(), method.upper(), "whatif-p10", "whatif-band80",
                        "whatif-p90", labels.band80(), "rgba(255,127,14,0.18)");
            }
            ObjectNode median = line("whatif-" + method.name(), method.name(),
                    points(method.times(), method.median()), colors[m % colors.length]);
            if (m > 0) {
                median.putObject("lineStyle").put("type", "dashed").put("width", 1.5);
            }
            series.add(median);
        }
        legend(root, series);
        return root.toString();
    }

    /**
     * Live accuracy over time: MASE per bucket beside seasonal naive's 1 (series {@code mase}, {@code naive}) and
     * 80% coverage in percent beside its 80% target (series {@code coverage}, {@code target}, right axis).
     */
    public static String accuracyOptions(List<io.tidewise.store.AccuracyBucket> buckets, String maseLabel,
            String naiveLabel, String coverageLabel, String targetLabel) {
        ObjectNode root = frame();
        ArrayNode axes = root.putArray("yAxis");
        axes.addObject().put("type", "value").put("name", "MASE").put("min", 0);
        axes.addObject().put("type", "value").put("name", "%").put("min", 0).put("max", 100);
        root.remove("dataZoom");
        ((ObjectNode) root.get("grid")).put("bottom", 30).put("right", 50);
        ArrayNode series = root.putArray("series");
        List<Instant> times = buckets.stream().map(io.tidewise.store.AccuracyBucket::start).toList();
        double[] mase = buckets.stream().mapToDouble(io.tidewise.store.AccuracyBucket::meanScaledError).toArray();
        double[] coverage = buckets.stream().mapToDouble(bucket -> bucket.coverage80() * 100).toArray();
        ObjectNode maseLine = line("mase", maseLabel, points(times, mase), "#ff7f0e");
        maseLine.put("showSymbol", true).put("symbolSize", 4);
        series.add(maseLine);
        ObjectNode naive = line("naive", naiveLabel, points(times, constant(times.size(), 1)), "#7f7f7f");
        naive.putObject("lineStyle").put("type", "dashed");
        series.add(naive);
        ObjectNode coverageLine = line("coverage", coverageLabel, points(times, coverage), "#2ca02c");
        coverageLine.put("yAxisIndex", 1).put("showSymbol", true).put("symbolSize", 4);
        series.add(coverageLine);
        ObjectNode target = line("target", targetLabel, points(times, constant(times.size(), 80)), "#98df8a");
        target.put("yAxisIndex", 1);
        target.putObject("lineStyle").put("type", "dotted");
        series.add(target);
        legend(root, series);
        return root.toString();
    }

    private static double[] constant(int length, double value) {
        double[] values = new double[length];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static ObjectNode frame() {
        ObjectNode root = JSON.createObjectNode();
        root.put("animation", false);
        root.putObject("tooltip").put("trigger", "axis");
        root.putObject("grid").put("left", 60).put("right", 30).put("top", 40).put("bottom", 70);
        root.putObject("xAxis").put("type", "time");
        root.putObject("yAxis").put("type", "value").put("scale", true);
        ArrayNode zoom = root.putArray("dataZoom");
        zoom.addObject().put("type", "inside");
        zoom.addObject().put("type", "slider");
        return root;
    }

    private static void legend(ObjectNode root, ArrayNode series) {
        ArrayNode names = root.putObject("legend").put("top", 5).putArray("data");
        for (var node : series) {
            if (!node.path("legendHidden").asBoolean(false)) {
                names.add(node.get("name").asText());
            }
        }
        for (var node : series) {
            ((ObjectNode) node).remove("legendHidden");
        }
    }

    private static void addForecast(ArrayNode series, ForecastTrack track, ChartLabels labels) {
        List<ForecastValue> values = track.values();
        List<Instant> times = values.stream().map(ForecastValue::time).toList();
        OptionalInt p10 = BandCheck.levelIndex(track.levels(), 0.1);
        OptionalInt p90 = BandCheck.levelIndex(track.levels(), 0.9);
        OptionalInt p20 = BandCheck.levelIndex(track.levels(), 0.2);
        OptionalInt p80 = BandCheck.levelIndex(track.levels(), 0.8);
        OptionalInt p50 = BandCheck.levelIndex(track.levels(), 0.5);
        if (p10.isPresent() && p90.isPresent()) {
            addBand(series, times, column(values, p10.getAsInt()), column(values, p90.getAsInt()), "p10", "band80",
                    "p90", labels.band80(), "rgba(255,127,14,0.15)");
        }
        if (p20.isPresent() && p80.isPresent()) {
            addBand(series, times, column(values, p20.getAsInt()), column(values, p80.getAsInt()), "p20", "band60",
                    "p80", labels.band60(), "rgba(255,127,14,0.3)");
        }
        double[] median = p50.isPresent() ? column(values, p50.getAsInt()) : values.stream()
                .mapToDouble(ForecastValue::mean).toArray();
        series.add(line("median", labels.median(), points(times, median), "#ff7f0e"));
    }

    private static void addBand(ArrayNode series, List<Instant> times, double[] lower, double[] upper, String lowerId,
            String widthId, String upperId, String name, String color) {
        double[] width = new double[lower.length];
        for (int i = 0; i < width.length; i++) {
            width[i] = upper[i] - lower[i];
        }
        ObjectNode lowerEdge = line(lowerId, name + " " + lowerId, points(times, lower), color);
        lowerEdge.put("stack", widthId).put("legendHidden", true);
        lowerEdge.putObject("lineStyle").put("opacity", 0);
        series.add(lowerEdge);
        ObjectNode fill = line(widthId, name, points(times, width), color);
        fill.put("stack", widthId);
        fill.putObject("lineStyle").put("opacity", 0);
        fill.putObject("areaStyle").put("color", color);
        fill.putObject("tooltip").put("show", false);
        series.add(fill);
        ObjectNode upperEdge = line(upperId, name + " " + upperId, points(times, upper), color);
        upperEdge.put("legendHidden", true);
        upperEdge.putObject("lineStyle").put("opacity", 0);
        series.add(upperEdge);
    }

    private static double[] column(List<ForecastValue> values, int level) {
        return values.stream().mapToDouble(value -> value.quantile(level)).toArray();
    }

    private static ObjectNode line(String id, String name, ArrayNode data, String color) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", id).put("name", name).put("type", "line").put("showSymbol", false);
        line.putObject("itemStyle").put("color", color);
        line.set("data", data);
        return line;
    }

    private static ArrayNode observations(List<Observation> observations) {
        return pairs(observations, Observation::timestamp, Observation::value);
    }

    private static ArrayNode points(List<Instant> times, double[] values) {
        ArrayNode data = JSON.createArrayNode();
        for (int i = 0; i < values.length; i++) {
            ArrayNode point = data.addArray().add(times.get(i).toEpochMilli());
            if (Double.isNaN(values[i])) {
                point.addNull(); // a gap: JSON has no NaN
            } else {
                point.add(values[i]);
            }
        }
        return data;
    }

    private static <T> ArrayNode pairs(List<T> items, java.util.function.Function<T, Instant> time,
            ToDoubleFunction<T> value) {
        ArrayNode data = JSON.createArrayNode();
        for (T item : items) {
            data.addArray().add(time.apply(item).toEpochMilli()).add(value.applyAsDouble(item));
        }
        return data;
    }
}
