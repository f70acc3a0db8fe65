package io.tidewise.ui.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesQueryTest {
    private static final Instant T = Instant.parse("2024-03-01T00:00:00Z");
    private static final List<SeriesOverview> ROWS = List.of(
            row("stock/AAPL/close", Domain.STOCK, 0.8, T.plusSeconds(60), Map.of("stream", "stock-ticks",
                    "source", "ticks")),
            row("stock/MSFT/close", Domain.STOCK, Double.NaN, null),
            row("traffic/S1/volume", Domain.TRAFFIC, 0.5, T.plusSeconds(120)),
            row("economy/US/cpi", Domain.ECONOMY, 1.2, T));

    @Test
    void filtersByPartOfTheNameInAnyCaseAndByDomain() {
        assertThat(names(new SeriesQuery("CLOSE", null, null).apply(ROWS)))
                .containsExactly("stock/AAPL/close", "stock/MSFT/close");
        assertThat(names(new SeriesQuery("", Domain.TRAFFIC, null).apply(ROWS))).containsExactly("traffic/S1/volume");
    }

    @Test
    void filtersByTagAsKeyEqualsValueOrAsAPartOfOne() {
        assertThat(names(new SeriesQuery(null, null, "source=TICKS", null).apply(ROWS)))
                .containsExactly("stock/AAPL/close");
        assertThat(names(new SeriesQuery(null, null, "stock-t", null).apply(ROWS))).containsExactly("stock/AAPL/close");
        assertThat(names(new SeriesQuery(null, null, "source=other", null).apply(ROWS))).isEmpty();
    }

    @Test
    void seriesGetTheTagsOfTheStreamWhoseTemplateMakesTheirId() {
        StreamTags tags = StreamTags.of(java.nio.file.Path.of("..", "streams"));
        assertThat(tags.of(SeriesId.of("stock/AAPL/close"))).containsEntry("stream", "stock-ticks")
                .containsEntry("source", "ticks");
        assertThat(tags.of(SeriesId.of("traffic/S0001/volume"))).containsEntry("stream", "traffic-sensors");
        assertThat(tags.of(SeriesId.of("stock/AAPL/open"))).isEmpty();
    }

    @Test
    void sortsByAccuracyBestFirstAndByNewestAnomalyWithUnknownsLast() {
        assertThat(names(new SeriesQuery(null, null, SeriesQuery.Order.ACCURACY).apply(ROWS)))
                .containsExactly("traffic/S1/volume", "stock/AAPL/close", "economy/US/cpi", "stock/MSFT/close");
        assertThat(names(new SeriesQuery(null, null, SeriesQuery.Order.NEWEST_ANOMALY).apply(ROWS)))
                .containsExactly("traffic/S1/volume", "stock/AAPL/close", "economy/US/cpi", "stock/MSFT/close");
    }

    @Test
    void aSparklineHoldsOnlyCoordinates() {
        assertThat(Sparkline.svg(new double[] {1, 3, 2})).startsWith("<svg").contains("points=\"1.0,26.0 60.0,2.0");
        assertThat(Sparkline.svg(new double[0])).contains("points=\"\"");
    }

    private static SeriesOverview row(String id, Domain domain, double mase, Instant anomaly) {
        return row(id, domain, mase, anomaly, Map.of());
    }

    private static SeriesOverview row(String id, Domain domain, double mase, Instant anomaly,
            Map<String, String> tags) {
        return new SeriesOverview(SeriesId.of(id), domain, T, 1, new double[] {1}, "m@1", mase, 0.8, false,
                anomaly, tags);
    }

    private static List<String> names(List<SeriesOverview> rows) {
        return rows.stream().map(row -> row.series().value()).toList();
    }
}
