package io.tidewise.training.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Series of a long CSV that training never sees although no suite dataset evaluates them: copies (the same
 * underlying series, perhaps at another frequency or from another publisher) of a zero-shot series, or of an
 * in-domain series over its evaluation windows. docs/suite.md lists them with their reasons.
 *
 * @param file     long CSV file name, relative to the data directory
 * @param series   exact ids of excluded series
 * @param prefixes prefixes of excluded series ids; with {@code series} empty too, the whole file is excluded
 * @param reason   why: what the series copy
 */
public record TrainingExclusion(
        @JsonProperty("file") String file,
        @JsonProperty("series") List<String> series,
        @JsonProperty("prefixes") List<String> prefixes,
        @JsonProperty("reason") String reason) {

    public TrainingExclusion {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("file of a training exclusion must not be blank");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the exclusion of " + file + " must give its reason");
        }
        series = series == null ? List.of() : List.copyOf(series);
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        if (prefixes.stream().anyMatch(prefix -> prefix == null || prefix.isEmpty())) {
            throw new IllegalArgumentException("prefixes of the exclusion of " + file + " must not be empty, were "
                    + prefixes);
        }
    }

    /** Whether the whole file is excluded. */
    public boolean wholeFile() {
        return series.isEmpty() && prefixes.isEmpty();
    }

    /** Whether the series {@code seriesId} of {@code fileName} is excluded. */
    public boolean excludes(String fileName, String seriesId) {
        return file.equals(fileName) && (wholeFile() || series.contains(seriesId)
                || prefixes.stream().anyMatch(seriesId::startsWith));
    }
}
