package io.tidewise.core.csv;

import java.util.List;
import java.util.Optional;

/**
 * What a long CSV held: the series that could be read, and why the others could not.
 *
 * @param sourceName how messages name the input
 * @param series     good series, sorted by time, in the order their first line appears
 * @param problems   one per rejected series (in the same order), plus one per line that named no usable series
 */
public record LongCsvContent(String sourceName, List<SeriesData> series, List<SeriesProblem> problems) {
    public LongCsvContent {
        series = List.copyOf(series);
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public Optional<SeriesData> find(String seriesId) {
        return series.stream().filter(data -> data.series().value().equals(seriesId)).findFirst();
    }
}
