package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.SeriesId;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the order of rows and however the ids must be quoted, each series reads back whole and sorted. */
class LongCsvPropertiesTest {

    @Property(tries = 200)
    void shuffledRowsReadBackAsTheSortedSeries(@ForAll("seriesSets") List<SeriesData> series,
                                               @ForAll long shuffleSeed) throws IOException {
        record Row(SeriesId id, SeriesTime time, double value) {}
        List<Row> rows = new ArrayList<>();
        for (SeriesData data : series) {
            for (int i = 0; i < data.size(); i++) {
                rows.add(new Row(data.series(), data.time(i), data.value(i)));
            }
        }
        Collections.shuffle(rows, new Random(shuffleSeed));
        StringWriter text = new StringWriter();
        try (LongCsvWriter writer = new LongCsvWriter(text)) {
            for (Row row : rows) {
                writer.writeRow(row.id(), row.time(), row.value());
            }
        }

        LongCsvContent content = LongCsvReader.read(new StringReader(text.toString()), "p.csv");

        assertThat(content.problems()).isEmpty();
        assertThat(content.series()).containsExactlyInAnyOrderElementsOf(series);
        List<SeriesId> firstAppearance = rows.stream().map(Row::id).distinct().toList();
        assertThat(content.series()).extracting(SeriesData::series).containsExactlyElementsOf(firstAppearance);
    }

    @Provide
    Arbitrary<List<SeriesData>> seriesSets() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("ab,\" /'").withCharRange('a', 'e')
                .withChars('\u6c34').ofMinLength(1).ofMaxLength(6)
                .filter(id -> id.strip().equals(id) && !id.isBlank());
        Arbitrary<TimeKind> kinds = Arbitraries.of(TimeKind.class);
        Arbitrary<List<Double>> values = Arbitraries.oneOf(
                        Arbitraries.doubles().between(-1e9, 1e9),
                        Arbitraries.just(Double.NaN),
                        Arbitraries.of(0.0, 1e-6, 12345.678))
                .list().ofMinSize(1).ofMaxSize(12)
                .filter(list -> list.stream().anyMatch(v -> !Double.isNaN(v)));
        Arbitrary<List<Integer>> offsets = Arbitraries.integers().between(-500, 500).set().ofMinSize(12).ofMaxSize(12)
                .map(ArrayList::new);
        Arbitrary<SeriesData> one = Combinators.combine(ids, kinds, values, offsets).as((id, kind, vals, offs) -> {
            TreeMap<SeriesTime, Double> byTime = new TreeMap<>();
            for (int i = 0; i < vals.size(); i++) {
                byTime.put(time(kind, offs.get(i)), vals.get(i));
            }
            return new SeriesData(SeriesId.of(id), new ArrayList<>(byTime.keySet()),
                    byTime.values().stream().mapToDouble(Double::doubleValue).toArray());
        });
        return one.list().ofMinSize(1).ofMaxSize(5).uniqueElements(SeriesData::series);
    }

    private static SeriesTime time(TimeKind kind, int offset) {
        Instant base = Instant.parse("2020-02-29T00:00:00Z");
        return switch (kind) {
            case DATE -> SeriesTime.of(TimeKind.DATE, base.plusSeconds(86_400L * offset));
            case DATE_TIME -> SeriesTime.ofInstant(base.plusSeconds(3_607L * offset).plusMillis(offset));
            case STEP -> SeriesTime.ofStep(offset);
        };
    }
}
