package io.tidewise.cli.demo;

import io.tidewise.cli.forecast.ForecastCsvWriter;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesTime;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * An SVG of forecasts, one panel per series: the recent history, the median forecast and the band between the
 * outermost quantiles (10-90% by default). Written by hand: a few paths and labels do not justify a charting
 * library, and any browser opens the result.
 */
public final class ForecastChart {
    private static final int WIDTH = 960;
    private static final int PANEL_HEIGHT = 240;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 36;

    private ForecastChart() {}

    /**
     * @param historyPoints how many of the latest observations to show before each forecast
     */
    public static void write(Writer out, List<SeriesData> history, List<Forecast> forecasts, QuantileLevels levels,
                             int historyPoints) throws IOException {
        int height = PANEL_HEIGHT * history.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        int median = indexOf(levels, 0.5);
        String bandLabel = levels.columnName(0) + "-" + levels.columnName(levels.size() - 1);
        for (int s = 0; s < history.size(); s++) {
            panel(svg, s * PANEL_HEIGHT, history.get(s), forecasts.get(s), median, bandLabel, historyPoints);
        }
        svg.append("</svg>\n");
        out.write(svg.toString());
        out.flush();
    }

    private static void panel(StringBuilder svg, int top, SeriesData series, Forecast forecast, int median,
                              String bandLabel, int historyPoints) {
        int shown = Math.min(series.size(), historyPoints);
        int first = series.size() - shown;
        int horizon = forecast.horizon();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = first; i < series.size(); i++) {
            if (!Double.isNaN(series.value(i))) {
                low = Math.min(low, series.value(i));
                high = Math.max(high, series.value(i));
            }
        }
        for (ForecastStep step : forecast.steps()) {
            low = Math.min(low, step.quantile(0));
            high = Math.max(high, step.quantile(step.quantiles().length - 1));
        }
        if (!(high > low)) {
            high = low + 1;
        }
        double padding = (high - low) * 0.05;
        Scale x = new Scale(0, shown + horizon - 1, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(low - padding, high + padding, top + PANEL_HEIGHT - BOTTOM, top + TOP);

        svg.append("<g>\n");
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#ccc\"/>%n", LEFT, top + TOP, WIDTH - LEFT - RIGHT, PANEL_HEIGHT - TOP - BOTTOM));
        svg.append(text(LEFT, top + 20, "bold", series.series().value() + (series.frequency().isPresent()
                ? "  (every " + series.frequency().get() + ")" : "")));
        legend(svg, top + 16, bandLabel, median >= 0 ? "median" : "mean");
        svg.append(text(4, (int) y.map(high + padding) + 10, "normal", number(high + padding)));
        svg.append(text(4, (int) y.map(low - padding), "normal", number(low - padding)));
        svg.append(text(LEFT, top + PANEL_HEIGHT - BOTTOM + 16, "normal", series.time(first).format()));
        String end = ForecastCsvWriter.targetTime(series, horizon).map(SeriesTime::format)
                .orElse("step +" + horizon);
        svg.append(text(WIDTH - RIGHT - 7 * end.length(), top + PANEL_HEIGHT - BOTTOM + 16, "normal", end));

        StringBuilder band = new StringBuilder();
        for (ForecastStep step : forecast.steps()) {
            band.append(band.length() == 0 ? "M" : " L").append(point(x, y, shown - 1 + step.step(),
                    step.quantile(step.quantiles().length - 1)));
        }
        for (int i = horizon - 1; i >= 0; i--) {
            ForecastStep step = forecast.steps().get(i);
            band.append(" L").append(point(x, y, shown - 1 + step.step(), step.quantile(0)));
        }
        svg.append("<path d=\"").append(band).append(" Z\" fill=\"#4a90d9\" fill-opacity=\"0.25\" stroke=\"none\"/>\n");

        StringBuilder past = new StringBuilder();
        boolean pen = false;
        for (int i = first; i < series.size(); i++) {
            if (Double.isNaN(series.value(i))) {
                pen = false;
                continue;
            }
            past.append(pen ? " L" : " M").append(point(x, y, i - first, series.value(i)));
            pen = true;
        }
        svg.append("<path d=\"").append(past).append("\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>\n");

        StringBuilder future = new StringBuilder();
        double lastValue = series.value(series.size() - 1);
        if (!Double.isNaN(lastValue)) {
            future.append("M").append(point(x, y, shown - 1, lastValue));
        }
        for (ForecastStep step : forecast.steps()) {
            double value = median >= 0 ? step.quantile(median) : step.mean();
            future.append(future.length() == 0 ? "M" : " L").append(point(x, y, shown - 1 + step.step(), value));
        }
        svg.append("<path d=\"").append(future).append("\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\""
                        + " stroke-dasharray=\"4 3\"/>%n", x.map(shown - 1), top + TOP, x.map(shown - 1),
                top + PANEL_HEIGHT - BOTTOM));
        svg.append("</g>\n");
    }

    /** Three keys at the panel's top right: history, the central forecast, and the band. */
    private static void legend(StringBuilder svg, int baseline, String bandLabel, String centre) {
        int x = WIDTH - RIGHT - 360;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\""
                + " stroke-width=\"1.5\"/>%n", x, baseline - 4, x + 18, baseline - 4));
        svg.append(text(x + 22, baseline, "normal", "history"));
        x += 85;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f5fa8\""
                + " stroke-width=\"2\"/>%n", x, baseline - 4, x + 18, baseline - 4));
        svg.append(text(x + 22, baseline, "normal", centre + " forecast"));
        x += 130;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"10\" fill=\"#4a90d9\""
                + " fill-opacity=\"0.25\"/>%n", x, baseline - 9));
        svg.append(text(x + 22, baseline, "normal", bandLabel + " band"));
    }

    private static int indexOf(QuantileLevels levels, double level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.level(i) == level) {
                return i;
            }
        }
        return -1;
    }

    private static String point(Scale x, Scale y, double index, double value) {
        return String.format(Locale.ROOT, "%.1f,%.1f", x.map(index), y.map(value));
    }

    private static String number(double value) {
        return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-2 && value != 0)
                ? String.format(Locale.ROOT, "%.3g", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String text(int x, int y, String weight, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-weight=\"" + weight + "\">" + escape(content) + "</text>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A linear map from data to pixels. */
    private record Scale(double fromLow, double fromHigh, double toLow, double toHigh) {
        double map(double value) {
            double span = fromHigh - fromLow;
            return span == 0 ? toLow : toLow + (value - fromLow) / span * (toHigh - toLow);
        }
    }
}
