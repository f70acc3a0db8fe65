package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the long-CSV reader that {@code forecast}, {@code demo} and the training verbs use: whatever the input,
 * it is read or refused as a whole with a {@link CsvFormatException} that names the file and line; a bad line is a
 * {@link SeriesProblem} naming file, line, field and value. Never another exception.
 */
class LongCsvFuzzTest {
    private static final String SOURCE = "fuzz.csv";

    private static void assertReadOrNamedRejection(String text) {
        LongCsvContent content;
        try {
            content = LongCsvReader.read(new StringReader(text), SOURCE);
        } catch (CsvFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ":" + e.line() + ": ");
            assertThat(e.line()).isPositive();
            return;
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("the reader leaked " + e + " for:\n" + text, e);
        }
        for (SeriesProblem problem : content.problems()) {
            assertThat(problem.message()).as("a problem of:\n%s", text)
                    .startsWith(SOURCE + ":" + problem.line() + ": ");
            assertThat(problem.field()).isNotBlank();
            assertThat(problem.value()).isNotNull();
        }
        for (SeriesData series : content.series()) {
            assertThat(java.util.Arrays.stream(series.values()).anyMatch(value -> !Double.isNaN(value)))
                    .as("series %s has a value", series.series()).isTrue();
            for (double value : series.values()) {
                assertThat(Double.isInfinite(value)).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void arbitraryTextIsReadOrRefusedWithItsPlace(@ForAll @Size(max = 400) String text) {
        assertReadOrNamedRejection(text);
    }

    @Property(tries = 500)
    void csvShapedNoiseIsReadOrRefusedWithItsPlace(@ForAll("longCsvLike") String text) {
        assertReadOrNamedRejection(text);
    }

    @Property(tries = 150)
    void arbitraryBytesInAFileAreReadOrRefusedWithItsPlace(@ForAll @Size(max = 300) byte[] tail) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            byte[] header = "series_id,timestamp,value\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] bytes = java.util.Arrays.copyOf(header, header.length + tail.length);
            System.arraycopy(tail, 0, bytes, header.length, tail.length);
            Files.write(file, bytes);
            try {
                LongCsvReader.read(file);
            } catch (CsvFormatException e) {
                assertThat(e.getMessage()).startsWith(file + ":" + e.line() + ": ");
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("the reader leaked " + e, e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<String> longCsvLike() {
        Arbitrary<String> header = Arbitraries.of("series_id,timestamp,value", "value,series_id,timestamp",
                "series_id,timestamp", "series_id,timestamp,value,extra", "\uFEFFseries_id,timestamp,value",
                "series_id,series_id,value", "");
        Arbitrary<String> id = Arbitraries.of("a", "b", "stock/AAPL/close", "", " a", "\"q,uoted\"", "x".repeat(300),
                "\"open");
        Arbitrary<String> time = Arbitraries.of("1", "2", "17", "-3", "2024-01-31", "2024-02-30", "2024-01-31T12:00:00Z",
                "2024-01-31 12:00", "2024-01-31T12:00+01:00", "99999999999999999999", "0001-01-01", "+10000-01-01",
                "", "yesterday", "1.5");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("", "1", "-2.5", "1e400", "-1e400", "NaN", "nan", "NA", "N/A", "#N/A", "null", "None",
                        "Infinity", "inf", "0x1p3", "1d", "abc", "\"1\"", "1,5", "9".repeat(400)),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> row = net.jqwik.api.Combinators.combine(id, time, value)
                .as((i, t, v) -> i + "," + t + "," + v);
        Arbitrary<String> noise = Arbitraries.strings().withChars("ab,\"\r\n1-:T.").ofMaxLength(20);
        Arbitrary<List<String>> rows = Arbitraries.oneOf(row, row, row, noise).list().ofMaxSize(12);
        return net.jqwik.api.Combinators.combine(header, rows, Arbitraries.of("\n", "\r\n", "\r"))
                .as((h, r, end) -> h + end + String.join(end, r));
    }
}
