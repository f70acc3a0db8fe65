package io.tidewise.ui.series;

import io.tidewise.core.Domain;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the Series list shows: a name filter (case-insensitive part of the series id), a domain (null for all) and
 * an order.
 */
public record SeriesQuery(String nameContains, Domain domain, Order order) {

    /** Orders of the list; undefined accuracy and series without anomalies go last. */
    public enum Order { NAME, ACCURACY, NEWEST_ANOMALY }

    public List<SeriesOverview> apply(List<SeriesOverview> rows) {
        String needle = nameContains == null ? "" : nameContains.strip().toLowerCase(Locale.ROOT);
        return rows.stream()
                .filter(row -> needle.isEmpty() || row.series().value().toLowerCase(Locale.ROOT).contains(needle))
                .filter(row -> domain == null || row.domain() == domain)
                .sorted(comparator())
                .toList();
    }

    private Comparator<SeriesOverview> comparator() {
        Comparator<SeriesOverview> byName = Comparator.comparing(SeriesOverview::series);
        return switch (order == null ? Order.NAME : order) {
            case NAME -> byName;
            // best (lowest) MASE first
            case ACCURACY -> Comparator.comparingDouble((SeriesOverview row) -> Double.isNaN(row.mase())
                    ? Double.POSITIVE_INFINITY : row.mase()).thenComparing(byName);
            case NEWEST_ANOMALY -> Comparator.comparing(SeriesOverview::newestAnomaly,
                    Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(byName);
        };
    }
}
