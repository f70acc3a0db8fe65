package io.tidewise.training.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One dataset of the development suite: which long CSV, how its evaluation windows lie, and whether training may see
 * the part before them ({@code inDomain}) or not at all ({@code zeroShot}).
 *
 * @param name          short name for tables, e.g. {@code tourism-quarterly}
 * @param file          long CSV file name, relative to the data directory
 * @param testFile      a separate official test split (M1), or null when the windows are cut from the end of
 *                      {@code file}
 * @param horizon       steps per evaluation window
 * @param windows       rolling origins per series, each {@code horizon} apart, ending at the series' end
 * @param seasonalPeriod the seasonal period m of MASE and seasonal naive
 * @param zeroShot      true: no series of this dataset is ever trained on
 * @param maxSeries     evaluate at most this many series (the first ones of the file), to bound CPU time; 0 = all
 */
public record DatasetSpec(
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("testFile") String testFile,
        @JsonProperty("horizon") int horizon,
        @JsonProperty("windows") int windows,
        @JsonProperty("seasonalPeriod") int seasonalPeriod,
        @JsonProperty("zeroShot") boolean zeroShot,
        @JsonProperty("maxSeries") int maxSeries) {

    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank, was '" + name + "'");
        }
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file of dataset " + name + " must not be blank");
        }
        if (horizon <= 0 || windows <= 0 || seasonalPeriod <= 0 || maxSeries < 0) {
            throw new IllegalArgumentException("dataset " + name + ": horizon, windows and seasonalPeriod must be positive"
                    + " and maxSeries non-negative, were " + horizon + ", " + windows + ", " + seasonalPeriod + ", "
                    + maxSeries);
        }
    }

    /** Values at the end of each series that training must not see (when there is no separate test file). */
    public int heldOutValues() {
        return testFile == null ? horizon * windows : 0;
    }
}
