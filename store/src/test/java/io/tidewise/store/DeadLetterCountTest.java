package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code dead_letter} measurement as the Grafana dashboards query it: tags stream and reason, field count. */
class DeadLetterCountTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:10Z");

    @Test
    void countsAreStoredPerStreamReasonAndIntervalAndSumOverARange() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        try (InfluxStore store = InfluxStore.connect(settings); InfluxWriter writer = store.openWriter()) {
            writer.writeDeadLetterCount("prices", "malformed_json", T0, 3);
            writer.writeDeadLetterCount("prices", "malformed_json", T0.plusSeconds(10), 4);
            writer.writeDeadLetterCount("prices", "bad_timestamp", T0.plusSeconds(10), 2);
            writer.writeDeadLetterCount("traffic counts", "missing_field", T0.plusSeconds(20), 5);
        }
        List<String> rows = query(settings, "SELECT SUM(\"count\") FROM \"dead_letter\" WHERE time >= '"
                + T0 + "' AND time <= '" + T0.plusSeconds(20) + "' GROUP BY \"stream\", \"reason\"");
        assertThat(rows).containsExactlyInAnyOrder(
                "stream=prices reason=malformed_json 7",
                "stream=prices reason=bad_timestamp 2",
                "stream=traffic counts reason=missing_field 5");
        assertThat(query(settings, "SHOW FIELD KEYS FROM \"dead_letter\""))
                .as("count is an integer field, as the dashboards expect").containsExactly("count integer");
    }

    @Test
    void aCountThatIsNotPositiveOrABackslashInATagIsRefusedWithTheField() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build());
                InfluxWriter writer = store.openWriter()) {
            assertThatThrownBy(() -> writer.writeDeadLetterCount("prices", "malformed_json", T0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prices").hasMessageContaining("must be positive, was 0");
            assertThatThrownBy(() -> writer.writeDeadLetterCount("pri\\ces", "malformed_json", T0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("stream must not");
        }
    }

    /** Rows as {@code tag=value ... value}, or {@code name type} for SHOW FIELD KEYS. */
    private static List<String> query(InfluxSettings settings, String influxQl) {
        List<String> rows = new ArrayList<>();
        try (InfluxDB client = InfluxDBFactory.connect(settings.url())) {
            QueryResult result = client.query(new Query(influxQl, settings.database()));
            assertThat(result.getError()).isNull();
            for (QueryResult.Result part : result.getResults()) {
                assertThat(part.getError()).isNull();
                if (part.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series series : part.getSeries()) {
                    String tags = series.getTags() == null ? "" : "stream=" + series.getTags().get("stream")
                            + " reason=" + series.getTags().get("reason") + " ";
                    for (List<Object> values : series.getValues()) {
                        Object last = values.get(values.size() - 1);
                        String value = last instanceof Double number && number == Math.rint(number)
                                ? Long.toString(number.longValue()) : String.valueOf(last);
                        rows.add(tags.isEmpty() ? values.get(0) + " " + value : tags + value);
                    }
                }
            }
        }
        return rows;
    }
}
