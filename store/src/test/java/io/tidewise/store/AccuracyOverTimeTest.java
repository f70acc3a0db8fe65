package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccuracyOverTimeTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
    private static final SeriesId SERIES = SeriesId.of("stock/AAPL/close");

    @Test
    void accuracyIsAveragedPerBucketOfOneSeriesAndModelAndEmptyBucketsAreLeftOut() throws Exception {
        try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) {
            try (InfluxWriter writer = store.openWriter()) {
                // hour 0: scaled errors 1 and 3, one covered; hour 1: nothing; hour 2: scaled error 0.5, covered
                writer.writeAccuracy(new AccuracyRecord(SERIES, "m@1", T0.plusSeconds(60), 2, 1, true));
                writer.writeAccuracy(new AccuracyRecord(SERIES, "m@1", T0.plusSeconds(120), 6, 3, false));
                writer.writeAccuracy(new AccuracyRecord(SERIES, "m@1", T0.plusSeconds(7300), 1, 0.5, true));
                writer.writeAccuracy(new AccuracyRecord(SERIES, "m@2", T0.plusSeconds(60), 9, 9, false));
                writer.writeAccuracy(new AccuracyRecord(SeriesId.of("other"), "m@1", T0.plusSeconds(60), 9, 9,
                        false));
            }
            List<AccuracyBucket> buckets = store.queries().accuracyOverTime(SERIES, "m@1", T0,
                    T0.plusSeconds(3 * 3600), Duration.ofHours(1));
            assertThat(buckets).containsExactly(new AccuracyBucket(T0, 2, 2.0, 0.5),
                    new AccuracyBucket(T0.plusSeconds(7200), 1, 0.5, 1.0));
            assertThatThrownBy(() -> store.queries().accuracyOverTime(SERIES, "m@1", T0, T0.plusSeconds(60),
                    Duration.ofMillis(500))).hasMessageContaining("bucket");
        }
    }
}
