package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.SeriesId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming row API that replays and backtests use: rows in file order, bad rows skippable. */
class LongCsvRowReaderTest {

    @Test
    void rowsComeInFileOrderWithTheirLinesAndABadRowDoesNotStopTheStream() throws IOException {
        String text = "timestamp,value,series_id\r\n2024-01-02T00:00:00Z,1.5,b\r\n1,x,a\r\n\"2024-01-01\",,b\r\n";
        try (LongCsvRowReader rows = new LongCsvRowReader(new StringReader(text), "s.csv")) {
            LongCsvRow first = rows.next();
            assertThat(first).isEqualTo(new LongCsvRow(2, SeriesId.of("b"),
                    SeriesTime.ofInstant(Instant.parse("2024-01-02T00:00:00Z")), 1.5));

            assertThatThrownBy(rows::next).isInstanceOfSatisfying(LongCsvRowException.class, e -> {
                assertThat(e.series()).isEqualTo(SeriesId.of("a"));
                assertThat(e.field()).isEqualTo("value");
                assertThat(e.value()).isEqualTo("x");
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.isRecoverable()).isTrue();
            });

            LongCsvRow third = rows.next();
            assertThat(third.line()).isEqualTo(4);
            assertThat(third.time().kind()).isEqualTo(TimeKind.DATE);
            assertThat(third.isMissing()).isTrue();
            assertThat(rows.next()).isNull();
        }
    }

    @Test
    void numbersAreDecimalTextOnly() throws IOException {
        String text = "series_id,timestamp,value\na,1,-1.5e3\na,2,+.5\na,3,1d\na,4,0x1p3\na,5,Infinity\na,6,1e999\n";
        try (LongCsvRowReader rows = new LongCsvRowReader(new StringReader(text), "n.csv")) {
            assertThat(rows.next().value()).isEqualTo(-1500.0);
            assertThat(rows.next().value()).isEqualTo(0.5);
            for (String bad : new String[] {"1d", "0x1p3", "Infinity"}) {
                assertThatThrownBy(rows::next).hasMessageEndingWith("is not a number (leave the field empty for a"
                        + " missing value), was '" + bad + "'");
            }
            assertThatThrownBy(rows::next).hasMessage("n.csv:7: value of series 'a' is too large for a double,"
                    + " was '1e999'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "NA", "na", "null", "NULL", "N/A", "n/a", "#N/A", "None", "none", " NaN "})
    void spreadsheetAndPandasSpellingsOfMissingAreMissingValues(String missing) throws IOException {
        String text = "series_id,timestamp,value\na,1,\"" + missing + "\"\na,2,2\n";
        try (LongCsvRowReader rows = new LongCsvRowReader(new StringReader(text), "m.csv")) {
            assertThat(rows.next().isMissing()).as("'%s'", missing).isTrue();
            assertThat(rows.next().value()).isEqualTo(2.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaNa", "nil", "-", "?", "NaN1", "Infinity", "inf"})
    void otherWordsAreStillNotNumbers(String word) throws IOException {
        String text = "series_id,timestamp,value\na,1," + word + "\n";
        try (LongCsvRowReader rows = new LongCsvRowReader(new StringReader(text), "m.csv")) {
            assertThatThrownBy(rows::next).isInstanceOf(LongCsvRowException.class)
                    .hasMessageContaining("was '" + word + "'");
        }
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWithItsLineAndByteOffset(@TempDir Path dir) throws IOException {
        byte[] head = "series_id,timestamp,value\na,1,1\na,2,".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xE9; // Latin-1 for é
        bytes[head.length + 1] = '\n';
        bytes[head.length + 2] = '\n';
        Path file = Files.write(dir.resolve("latin1.csv"), bytes);

        // The reader decodes ahead in blocks, so the error may come at open or at a later row: either way it
        // names the line and byte of the bad byte, not where decoding happened to be.
        assertThatThrownBy(() -> LongCsvReader.read(file)).isInstanceOfSatisfying(CsvFormatException.class, e -> {
            assertThat(e.isRecoverable()).isFalse();
            assertThat(e).hasMessage(file + ":3: the input is not UTF-8 text: byte 0xE9 at byte offset "
                    + head.length + " cannot be decoded; save it as UTF-8 (a spreadsheet's \"CSV UTF-8\"), or"
                    + " is it a CSV file at all?");
        });
        // Far beyond the first block of 64 Ki characters, the line and offset still point at the byte.
        StringBuilder big = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 1; i <= 20_000; i++) {
            big.append("a,").append(i).append(",1.5\n");
        }
        byte[] good = big.toString().getBytes(StandardCharsets.UTF_8);
        byte[] late = java.util.Arrays.copyOf(good, good.length + 4);
        late[good.length] = 'a';
        late[good.length + 1] = ',';
        late[good.length + 2] = (byte) 0xC0; // an overlong encoding: never valid UTF-8
        late[good.length + 3] = '\n';
        Path lateFile = Files.write(dir.resolve("late.csv"), late);
        assertThatThrownBy(() -> LongCsvReader.read(lateFile)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(lateFile + ":20002: the input is not UTF-8 text: byte 0xC0 at byte offset "
                        + (good.length + 2));
    }

    @Test
    void aBinaryOrUtf16FileIsRejectedAtItsFirstByte(@TempDir Path dir) throws IOException {
        Path png = Files.write(dir.resolve("chart.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A});
        assertThatThrownBy(() -> LongCsvRowReader.open(png)).isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(png + ":1: the input is not UTF-8 text: byte 0x89 at byte offset 0");
        Path utf16 = Files.write(dir.resolve("unicode.csv"),
                "series_id,timestamp,value\na,1,1\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> LongCsvRowReader.open(utf16)).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("byte 0xFE at byte offset 0 cannot be decoded (it starts with a UTF-16"
                        + " byte-order mark");
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheHeaderIsSkipped(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("excel.csv"), "\uFEFFseries_id,timestamp,value\na,1,1\n");
        try (LongCsvRowReader rows = LongCsvRowReader.open(file)) {
            assertThat(rows.next().value()).isEqualTo(1.0);
        }
    }
}
