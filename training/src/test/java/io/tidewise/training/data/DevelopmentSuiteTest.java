package io.tidewise.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DevelopmentSuite#allTrainingSeries} on a small data folder written by the test: zero-shot series and their
 * copies never reach training, in-domain series stop before their first evaluation window, the rest pass whole.
 */
class DevelopmentSuiteTest {
    @TempDir
    Path data;

    private static final DevelopmentSuite SUITE = new DevelopmentSuite(List.of(
            // in-domain: 2 windows of 3 values held out at the end of every series of the file
            new DatasetSpec("shop", "daily", "shop_daily.csv", null, null, 3, 2, 7, false, 0),
            // zero-shot, a whole file
            new DatasetSpec("grid", "hourly", "grid_hourly.csv", null, null, 4, 1, 24, true, 0),
            // zero-shot, one series of a mixed file; the file's other series stay trainable
            new DatasetSpec("sensor", "5-minute", "mixed.csv", null, List.of("mixed::sensor"), 2, 1, 288, true, 0),
            // in-domain with an official test file: nothing cut from the training file
            new DatasetSpec("comp", "yearly", "comp_train.csv", "comp_test.csv", null, 2, 1, 1, false, 0)),
            List.of(new TrainingExclusion("copies.csv", List.of("grid_copy"), null,
                            "the grid load at another frequency"),
                    new TrainingExclusion("copies.csv", null, List.of("shop::"), "a copy of the shop's sales")));

    @Test
    void zeroShotSeriesAndTheirCopiesAreNeverTrainedOnAndInDomainSeriesAreCut() throws IOException {
        write("shop_daily.csv", Map.of("a", 10, "b", 7, "tiny", 7));
        write("grid_hourly.csv", Map.of("zone1", 30, "zone2", 30));
        write("mixed.csv", Map.of("mixed::sensor", 20, "mixed::other", 20));
        write("copies.csv", Map.of("grid_copy", 12, "shop::a", 12, "keep", 12));
        write("comp_train.csv", Map.of("Y1", 9));
        write("comp_test.csv", Map.of("Y1", 2)); // an official test split: never read for training
        write("plain.csv", Map.of("x", 5)); // in no dataset: trained on whole
        // R decimal time, which the long CSV reader rejects: read in file order
        Files.writeString(data.resolve("decimal.csv"), "series_id,timestamp,value\nw,2005.000000,3\n"
                + "w,2005.019231,\nw,2005.038462,5\n\"v \",2020-01-01,1\n\"v \",2020-01-02,2\nym,1920-01,7\n"
                + "ym,1920-02,8\nshampoo,1-01,4\nshampoo,1-02,5\n");
        Files.writeString(data.resolve("plain_index.csv"), "series_id,timestamp,value\nx,2020-01-01,1\n");
        Files.writeString(data.resolve("other_layout.csv"), "date,price\n2020-01-01,3\n");
        Files.writeString(data.resolve("notes.txt"), "not a csv");

        Map<String, TrainingSeries> series = SUITE.allTrainingSeries(data).stream()
                .collect(Collectors.toMap(TrainingSeries::name, Function.identity()));

        // (a) zero-shot: the whole grid file, the sensor series, and both copies, are absent
        assertEquals(Set.of("shop_daily/a", "mixed/mixed::other", "copies/keep", "comp_train/Y1",
                "plain/x", "decimal/w", "decimal/v", "decimal/ym", "decimal/shampoo"), series.keySet());
        assertArrayEquals(new double[] {1, 2}, series.get("decimal/v").values());
        assertArrayEquals(new double[] {7, 8}, series.get("decimal/ym").values());
        assertArrayEquals(new double[] {4, 5}, series.get("decimal/shampoo").values());
        assertArrayEquals(new double[] {3, Double.NaN, 5}, series.get("decimal/w").values());
        // (b) in-domain: horizon x windows = 6 values held out, so a=10 keeps 4 and b=7 keeps 1 (dropped: < 2 values)
        assertArrayEquals(values(4), series.get("shop_daily/a").values());
        assertArrayEquals(values(9), series.get("comp_train/Y1").values());
        assertArrayEquals(values(20), series.get("mixed/mixed::other").values());
        assertArrayEquals(values(5), series.get("plain/x").values());
        for (TrainingSeries one : series.values()) {
            assertFalse(SUITE.neverTrained(one.name()), one.name());
        }
    }

    @Test
    void namesTheZeroShotFilesAndSeries() {
        assertEquals(Set.of("grid_hourly.csv"), SUITE.zeroShotFiles());
        assertTrue(SUITE.neverTrained("grid_hourly/zone1"));
        assertTrue(SUITE.neverTrained("mixed/mixed::sensor2"));
        assertTrue(SUITE.neverTrained("copies/grid_copy"));
        assertFalse(SUITE.neverTrained("copies/grid_copy_b")); // exact ids are not prefixes
        assertTrue(SUITE.neverTrained("copies/shop::b"));
        assertFalse(SUITE.neverTrained("mixed/mixed::other"));
        assertEquals(6, SUITE.heldOutValues("shop_daily.csv", "a"));
        assertEquals(0, SUITE.heldOutValues("comp_train.csv", "Y1"));
        assertEquals(List.of("daily", "hourly", "5-minute", "yearly"), SUITE.kinds());
    }

    @Test
    void theShippedSuiteCoversEveryKindBothWays() {
        DevelopmentSuite suite = DevelopmentSuite.standard();
        for (String kind : suite.kinds()) {
            assertTrue(suite.datasets().stream().anyMatch(d -> d.kind().equals(kind) && d.zeroShot()),
                    kind + " has no zero-shot dataset");
            assertTrue(suite.datasets().stream().anyMatch(d -> d.kind().equals(kind) && !d.zeroShot()),
                    kind + " has no in-domain dataset");
        }
        for (DatasetSpec dataset : suite.datasets()) {
            assertEquals(0, dataset.maxSeries(), dataset.name() + " must score every series");
            if (dataset.zeroShot()) {
                // a zero-shot dataset is never the in-domain dataset of the same series
                assertTrue(suite.datasets().stream().noneMatch(other -> !other.zeroShot()
                        && other.file().equals(dataset.file()) && overlaps(other, dataset)), dataset.name());
            }
        }
    }

    private static boolean overlaps(DatasetSpec a, DatasetSpec b) {
        if (a.prefixes().isEmpty() || b.prefixes().isEmpty()) {
            return true;
        }
        return a.prefixes().stream().anyMatch(p -> b.prefixes().stream().anyMatch(q -> p.startsWith(q)
                || q.startsWith(p)));
    }

    /** Writes a long CSV: each series i gets values 0, 1, ..., length-1 on consecutive days. */
    private void write(String file, Map<String, Integer> lengths) throws IOException {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        lengths.forEach((id, length) -> {
            for (int t = 0; t < length; t++) {
                csv.append(id).append(',').append(java.time.LocalDate.of(2020, 1, 1).plusDays(t)).append(',')
                        .append(t).append('\n');
            }
        });
        Files.writeString(data.resolve(file), csv);
    }

    private static double[] values(int length) {
        double[] values = new double[length];
        for (int t = 0; t < length; t++) {
            values[t] = t;
        }
        return values;
    }
}
