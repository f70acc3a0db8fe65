package io.tidewise.ui.series;

import com.vaadin.flow.component.Html;
import java.util.Locale;

/**
 * A small inline SVG line of recent values. Built on the server from numbers only, so the markup can hold nothing
 * but coordinates; one chart library instance per row would be far heavier.
 */
public final class Sparkline {
    static final int WIDTH = 120;
    static final int HEIGHT = 28;

    private Sparkline() {}

    public static Html of(double[] values) {
        return new Html("<span class=\"sparkline\">" + svg(values) + "</span>");
    }

    static String svg(double[] values) {
        StringBuilder points = new StringBuilder();
        if (values.length > 0) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double value : values) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            double span = max > min ? max - min : 1;
            for (int i = 0; i < values.length; i++) {
                double x = values.length == 1 ? WIDTH / 2.0 : i * (WIDTH - 2.0) / (values.length - 1) + 1;
                double y = HEIGHT - 2 - (values[i] - min) / span * (HEIGHT - 4);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        return "<svg width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT
                + "\"><polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\""
                + points.toString().strip() + "\"/></svg>";
    }
}
