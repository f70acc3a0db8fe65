package io.tidewise.training.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One dataset of the development suite: which long CSV (and which of its series), how its evaluation windows lie,
 * and whether training may see the part before them (in-domain) or nothing of it at all ({@code zeroShot}).
 *
 * @param name           short name for tables, e.g. {@code tourism-quarterly}
 * @param kind           the kind of series users bring that it stands for, e.g. {@code hourly}, {@code monthly},
 *                       {@code macro}: results are also summarised per kind
 * @param file           long CSV file name, relative to the data directory
 * @param testFile       a separate official test split (M1), or null when the windows are cut from the end of
 *                       {@code file}
 * @param prefixes       prefixes of the series ids that belong to the dataset (a file may hold several datasets),
 *                       or null / empty for every series of the file
 * @param horizon        steps per evaluation window (with a test file: the test split's length decides)
 * @param windows        rolling origins per series, each {@code horizon} apart, ending at the series' end
 * @param seasonalPeriod the seasonal period m of MASE and seasonal naive
 * @param zeroShot       true: no series of this dataset is ever trained on
 * @param maxSeries      evaluate at most this many series (spread evenly over the file), to bound CPU time; 0 = all
 */
public record DatasetSpec(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("file") String file,
        @JsonProperty("testFile") String testFile,
        @JsonProperty("prefixes") List<String> prefixes,
        @JsonProperty("horizon") int horizon,
        @JsonProperty("windows") int windows,
        @JsonProperty("seasonalPeriod") int seasonalPeriod,
        @JsonProperty("zeroShot") boolean zeroShot,
        @JsonProperty("maxSeries") int maxSeries) {

    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank, was '" + name + "'");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("kind of dataset " + name + " must not be blank, was '" + kind + "'");
        }
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file of dataset " + name + " must not be blank");
        }
        if (horizon <= 0 || windows <= 0 || seasonalPeriod <= 0 || maxSeries < 0) {
            throw new IllegalArgumentException("dataset " + name + ": horizon, windows and seasonalPeriod must be positive"
                    + " and maxSeries non-negative, were " + horizon + ", " + windows + ", " + seasonalPeriod + ", "
                    + maxSeries);
        }
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        if (prefixes.stream().anyMatch(prefix -> prefix == null || prefix.isEmpty())) {
            throw new IllegalArgumentException("series prefixes of dataset " + name + " must not be empty, were "
                    + prefixes);
        }
    }

    /** Whether the series {@code seriesId} of {@link #file()} belongs to this dataset. */
    public boolean includes(String seriesId) {
        return prefixes.isEmpty() || prefixes.stream().anyMatch(seriesId::startsWith);
    }

    /** Values at the end of each series that training must not see (when there is no separate test file). */
    public int heldOutValues() {
        return testFile == null ? horizon * windows : 0;
    }
}
