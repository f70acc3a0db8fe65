package io.tidewise.ui.series;

import io.tidewise.core.Domain;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the Series list shows: a name filter (case-insensitive part of the series id), a domain (null for all), a
 * tag filter ({@code key=value}, or a part of any tag's key or value, case-insensitive) and an order.
 */
public record SeriesQuery(String nameContains, Domain domain, String tag, Order order) {

    public SeriesQuery(String nameContains, Domain domain, Order order) {
        this(nameContains, domain, null, order);
    }

    /** Orders of the list; undefined accuracy and series without anomalies go last. */
    public enum Order { NAME, ACCURACY, NEWEST_ANOMALY }

    public List<SeriesOverview> apply(List<SeriesOverview> rows) {
        String needle = nameContains == null ? "" : nameContains.strip().toLowerCase(Locale.ROOT);
        return rows.stream()
                .filter(row -> needle.isEmpty() || row.series().value().toLowerCase(Locale.ROOT).contains(needle))
                .filter(row -> domain == null || row.domain() == domain)
                .filter(this::hasTag)
                .sorted(comparator())
                .toList();
    }

    private boolean hasTag(SeriesOverview row) {
        String wanted = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return true;
        }
        return row.tags().entrySet().stream().anyMatch(entry -> {
            String pair = (entry.getKey() + "=" + entry.getValue()).toLowerCase(Locale.ROOT);
            return wanted.contains("=") ? pair.equals(wanted) : pair.contains(wanted);
        });
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
