package io.tidewise.training.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the shipped series and the CSVs that {@code reference/baselines.R} wrote with R's forecast package. */
final class RReference {
    private RReference() {}

    /** The values of a shipped series file ({@code series_id,timestamp,value}). */
    static double[] series(String name) {
        List<Map<String, String>> rows = csv("/series/" + name + ".csv");
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            String value = rows.get(i).get("value");
            values[i] = value.isEmpty() ? Double.NaN : Double.parseDouble(value);
        }
        return values;
    }

    /** R's mean, lower and upper 80% bounds per step, for one series and method. */
    static double[][] forecast(String series, String method) {
        List<double[]> steps = new ArrayList<>();
        for (Map<String, String> row : csv("/reference/forecasts.csv")) {
            if (row.get("series").equals(series) && row.get("method").equals(method)) {
                steps.add(new double[] {number(row, "mean"), number(row, "lo80"), number(row, "hi80")});
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no R forecast for series " + series + " and method " + method);
        }
        return steps.toArray(double[][]::new);
    }

    /** R's fitted ETS row for one series and method ({@code ets_AAA}, or {@code ets} for the automatic choice). */
    static Map<String, String> etsFit(String series, String method) {
        return csv("/reference/ets_parameters.csv").stream()
                .filter(row -> row.get("series").equals(series) && row.get("method").equals(method))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no R ETS fit for " + series + " / " + method));
    }

    static Map<String, String> thetaFit(String series) {
        return csv("/reference/theta_parameters.csv").stream()
                .filter(row -> row.get("series").equals(series))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no R Theta fit for " + series));
    }

    static EtsParameters parameters(Map<String, String> row) {
        String seasonal = row.get("seasonal");
        double[] states = seasonal.isEmpty() ? new double[0]
                : Arrays.stream(seasonal.split(";")).mapToDouble(Double::parseDouble).toArray();
        return new EtsParameters(number(row, "alpha"), number(row, "beta"), number(row, "gamma"), number(row, "phi"),
                number(row, "level"), number(row, "slope"), states);
    }

    static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column).strip());
    }

    private static List<Map<String, String>> csv(String resource) {
        try (InputStream in = RReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
            String[] header = lines[0].split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length; c++) {
                    row.put(header[c], cells[c]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read test resource " + resource, e);
        }
    }
}
