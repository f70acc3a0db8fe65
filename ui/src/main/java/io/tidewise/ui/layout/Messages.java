package io.tidewise.ui.layout;

import com.vaadin.flow.component.Component;
import io.tidewise.ui.forecast.ChartLabels;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, shares and times read in every view, and the translated names of chart series. */
public final class Messages {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Messages() {}

    /** Three significant decimals; a dash for an undefined value (NaN). */
    public static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    public static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    public static String time(Instant time) {
        return time == null ? "-" : TIME.format(time);
    }

    public static ChartLabels chartLabels(Component view) {
        return new ChartLabels(view.getTranslation("chart.history"), view.getTranslation("chart.realized"),
                view.getTranslation("chart.median"), view.getTranslation("chart.band80"),
                view.getTranslation("chart.band60"), view.getTranslation("chart.anomalies"));
    }
}
