package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LatestObservationsTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    @Test
    void newestObservationsOfOneSeriesComeOldestFirst() throws Exception {
        SeriesId series = SeriesId.of("traffic/I-94/volume");
        SeriesId other = SeriesId.of("traffic/I-95/volume");
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                for (int hour = 0; hour < 10; hour++) {
                    writer.write(new Observation(series, T0.plusSeconds(3600L * hour), hour, Domain.TRAFFIC));
                    writer.write(new Observation(other, T0.plusSeconds(3600L * hour + 1), -hour, Domain.TRAFFIC));
                }
            }
            assertThat(store.queries().latestObservations(series, 3)).extracting(Observation::value)
                    .containsExactly(7.0, 8.0, 9.0);
            assertThat(store.queries().latestObservations(series, 50)).hasSize(10);
            assertThat(store.queries().latestObservations(SeriesId.of("none"), 5)).isEmpty();
            assertThatThrownBy(() -> store.queries().latestObservations(series, 0))
                    .hasMessageContaining("limit");
        }
    }
}
