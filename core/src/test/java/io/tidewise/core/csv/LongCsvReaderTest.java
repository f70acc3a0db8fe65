package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongCsvReaderTest {

    private static LongCsvContent read(String text) throws IOException {
        return LongCsvReader.read(new StringReader(text), "in.csv");
    }

    private static SeriesProblem onlyProblem(LongCsvContent content) {
        assertThat(content.problems()).hasSize(1);
        return content.problems().get(0);
    }

    @Test
    void sortsEachSeriesKeepsOrderOfFirstAppearanceAndInfersFrequency() throws IOException {
        LongCsvContent content = read("""
                series_id,timestamp,value
                b,2024-03-01,3
                a,2024-01-03T00:00:00Z,30
                b,2024-01-01,1
                a,2024-01-01T00:00:00Z,10
                b,2024-02-01,
                a,2024-01-02T00:00:00Z,20
                """);
        assertThat(content.problems()).isEmpty();
        assertThat(content.series()).extracting(SeriesData::series)
                .containsExactly(SeriesId.of("b"), SeriesId.of("a"));

        SeriesData b = content.series().get(0);
        assertThat(b.timeKind()).isEqualTo(TimeKind.DATE);
        assertThat(b.times()).extracting(SeriesTime::format).containsExactly("2024-01-01", "2024-02-01", "2024-03-01");
        assertThat(b.values()).containsExactly(1, Double.NaN, 3);
        assertThat(b.frequency()).contains(Frequency.parse("1M"));

        SeriesData a = content.series().get(1);
        assertThat(a.timeKind()).isEqualTo(TimeKind.DATE_TIME);
        assertThat(a.values()).containsExactly(10, 20, 30);
        assertThat(a.lastTime().instant()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
        assertThat(a.frequency()).contains(Frequency.parse("1d"));
    }

    @Test
    void readsStepIndicesOffsetsLocalTimesAsUtcAndColumnsInAnyOrder() throws IOException {
        LongCsvContent content = read("""
                value,series_id,timestamp
                5,steps,2
                4,steps,1
                1.5e3,local,2024-01-01 06:00
                2,offset,2024-01-01T06:00:00+02:00
                """);
        assertThat(content.problems()).isEmpty();
        SeriesData steps = content.find("steps").orElseThrow();
        assertThat(steps.timeKind()).isEqualTo(TimeKind.STEP);
        assertThat(steps.times()).extracting(SeriesTime::step).containsExactly(1L, 2L);
        assertThat(steps.frequency()).isEmpty();
        assertThat(content.find("local").orElseThrow().lastTime().instant())
                .isEqualTo(Instant.parse("2024-01-01T06:00:00Z"));
        assertThat(content.find("local").orElseThrow().value(0)).isEqualTo(1500.0);
        assertThat(content.find("offset").orElseThrow().lastTime().format()).isEqualTo("2024-01-01T04:00:00Z");
    }

    @Test
    void quotedSeriesIdsAndValuesAreRead() throws IOException {
        LongCsvContent content = read("series_id,timestamp,value\n\"stock/BRK,B \"\"class\"\"\",2024-01-01,\"7.25\"\n");
        assertThat(content.series()).singleElement().satisfies(data -> {
            assertThat(data.series().value()).isEqualTo("stock/BRK,B \"class\"");
            assertThat(data.values()).containsExactly(7.25);
        });
    }

    @Test
    void aNonNumericValueRejectsItsSeriesOnlyNamingFileLineFieldAndValue() throws IOException {
        LongCsvContent content = read("""
                series_id,timestamp,value
                good,1,1
                bad,1,2
                bad,2,abc
                good,2,2
                bad,3,x1
                """);
        assertThat(content.series()).extracting(data -> data.series().value()).containsExactly("good");
        SeriesProblem problem = onlyProblem(content);
        assertThat(problem.series()).isEqualTo(SeriesId.of("bad"));
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.field()).isEqualTo("value");
        assertThat(problem.value()).isEqualTo("abc");
        assertThat(problem.message()).isEqualTo("in.csv:4: value of series 'bad' is not a number (leave the field"
                + " empty for a missing value), was 'abc'");
        assertThat(problem.furtherErrors()).isEqualTo(1);
        assertThat(problem.describe()).endsWith("(and 1 more bad line in this series)");
    }

    @Test
    void anUnparsableTimestampIsReported() throws IOException {
        SeriesProblem problem = onlyProblem(read("series_id,timestamp,value\nx,2024-13-01,1\ny,1,1\n"));
        assertThat(problem.field()).isEqualTo("timestamp");
        assertThat(problem.message()).startsWith("in.csv:2: timestamp of series 'x' is not")
                .endsWith("was '2024-13-01'");
        SeriesProblem words = onlyProblem(read("series_id,timestamp,value\nx,yesterday,1\ny,1,1\n"));
        assertThat(words.message()).isEqualTo("in.csv:2: timestamp of series 'x' is not an ISO date (2024-01-31),"
                + " an ISO date-time (2024-01-31T12:00:00Z) or an integer step index, was 'yesterday'");
    }

    @Test
    void mixedTimestampKindsInOneSeriesAreReported() throws IOException {
        SeriesProblem problem = onlyProblem(read("series_id,timestamp,value\nx,2024-01-01,1\nx,2024-01-02T00:00Z,2\n"
                + "y,1,1\n"));
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).isEqualTo("in.csv:3: timestamp of series 'x' is a date-time, but its first row"
                + " (line 2) used a date; one kind per series, was '2024-01-02T00:00:00Z'");
    }

    @Test
    void aDuplicateTimestampNamesBothLines() throws IOException {
        SeriesProblem problem = onlyProblem(read("""
                series_id,timestamp,value
                x,2024-01-01,1
                y,2024-01-01,1
                x,2024-01-02,2
                x,2024-01-01,3
                """));
        assertThat(problem.series()).isEqualTo(SeriesId.of("x"));
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).isEqualTo(
                "in.csv:5: timestamp of series 'x' repeats one already on line 2, was '2024-01-01'");
    }

    @Test
    void aSeriesWithOnlyMissingValuesIsEmpty() throws IOException {
        SeriesProblem problem = onlyProblem(read("series_id,timestamp,value\nx,1,\ny,1,4\nx,2,\n"));
        assertThat(problem.field()).isEqualTo("series");
        assertThat(problem.message()).isEqualTo("in.csv:2: series 'x' is empty: all 2 of its values are missing");
    }

    @Test
    void aLineWithTheWrongNumberOfFieldsRejectsTheSeriesItNames() throws IOException {
        SeriesProblem problem = onlyProblem(read("series_id,timestamp,value\nx,1,1,extra\ny,1,1\nx,2,2\n"));
        assertThat(problem.series()).isEqualTo(SeriesId.of("x"));
        assertThat(problem.field()).isEqualTo("record");
        assertThat(problem.message()).isEqualTo(
                "in.csv:2: expected 3 fields, found 4 of series 'x', was 'x,1,1,extra'");
    }

    @Test
    void aLineWithoutAUsableSeriesIdIsReportedOnItsOwn() throws IOException {
        LongCsvContent content = read("series_id,timestamp,value\n ,1,1\ny,1,1\n");
        assertThat(content.series()).hasSize(1);
        SeriesProblem problem = onlyProblem(content);
        assertThat(problem.series()).isNull();
        assertThat(problem.message()).isEqualTo("in.csv:2: series_id must not be blank, was ' '");
    }

    @Test
    void textAfterAClosingQuoteRejectsTheSeriesAndReadingGoesOn() throws IOException {
        LongCsvContent content = read("series_id,timestamp,value\nx,\"1\"2,1\ny,1,1\n");
        assertThat(content.series()).extracting(data -> data.series().value()).containsExactly("y");
        assertThat(onlyProblem(content).message()).startsWith("in.csv:2: text after the closing quote of field 2");
    }

    @Test
    void anUnknownHeaderColumnMakesTheFileUnusable() {
        assertThatThrownBy(() -> read("series_id,time,value\nx,1,1\n"))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage("in.csv:1: unknown column 'time' in the header, expected exactly series_id,timestamp,value"
                        + " (in any order)");
    }

    @Test
    void aMissingOrRepeatedHeaderColumnMakesTheFileUnusable() {
        assertThatThrownBy(() -> read("series_id,timestamp\nx,1\n"))
                .hasMessage("in.csv:1: missing column 'value' in the header, expected series_id,timestamp,value,"
                        + " was 'series_id,timestamp'");
        assertThatThrownBy(() -> read("series_id,value,value\n"))
                .hasMessage("in.csv:1: column 'value' appears twice in the header, at positions 2 and 3");
    }

    @Test
    void anEmptyInputOrAHeaderWithoutRowsIsUnusable() {
        assertThatThrownBy(() -> read("")).hasMessage(
                "in.csv:1: the input is empty; expected the header series_id,timestamp,value");
        assertThatThrownBy(() -> read("series_id,timestamp,value\n")).hasMessage(
                "in.csv:2: the input has a header but no rows");
    }

    @Test
    void writerOutputReadsBackFromAFile(@TempDir Path dir) throws IOException {
        SeriesData data = new SeriesData(SeriesId.of("economy/us, \"cpi\""),
                List.of(SeriesTime.ofDate(LocalDate.parse("2024-01-01")), SeriesTime.ofDate(LocalDate.parse("2024-04-01"))),
                new double[] {1.25, Double.NaN});
        SeriesData other = new SeriesData(SeriesId.of("s"), List.of(SeriesTime.ofStep(-3), SeriesTime.ofStep(9)),
                new double[] {1e300, -0.5});
        Path file = dir.resolve("out.csv");
        LongCsvWriter.write(file, List.of(data, other));
        assertThat(Files.readString(file)).startsWith("series_id,timestamp,value\n\"economy/us, \"\"cpi\"\"\",2024-01-01,1.25\n");
        LongCsvContent content = LongCsvReader.read(file);
        assertThat(content.sourceName()).isEqualTo(file.toString());
        assertThat(content.series()).containsExactly(data, other);
        assertThat(content.series().get(0).frequency()).contains(Frequency.parse("1q"));
    }
}
