package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static List<List<String>> readAll(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), "t.csv")) {
            for (List<String> record = reader.readRecord(); record != null; record = reader.readRecord()) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        String text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,\"\"\nlast,x,y";
        assertThat(readAll(text)).containsExactly(
                List.of("a", "b,c", "say \"hi\""),
                List.of("multi\nline", "", ""),
                List.of("last", "x", "y"));
    }

    @Test
    void countsLinesInsideQuotedFieldsAndSkipsBlankLines() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("\uFEFFh1,h2\n\"a\nb\",1\n\n\r\nc,2\n"), "t.csv")) {
            assertThat(reader.readRecord()).containsExactly("h1", "h2");
            assertThat(reader.recordLine()).isEqualTo(1);
            assertThat(reader.readRecord()).containsExactly("a\nb", "1");
            assertThat(reader.recordLine()).isEqualTo(2);
            assertThat(reader.readRecord()).containsExactly("c", "2");
            assertThat(reader.recordLine()).isEqualTo(6);
            assertThat(reader.readRecord()).isNull();
        }
    }

    @Test
    void textAfterAClosingQuoteIsReportedAndReadingGoesOnWithTheNextLine() throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader("\"ab\"c,1\nd,2\n"), "t.csv")) {
            assertThatThrownBy(reader::readRecord)
                    .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                        assertThat(e.isRecoverable()).isTrue();
                        assertThat(e.line()).isEqualTo(1);
                        assertThat(e.partialFields()).containsExactly("ab");
                    })
                    .hasMessageStartingWith("t.csv:1: text after the closing quote of field 1: 'c'");
            assertThat(reader.readRecord()).containsExactly("d", "2");
        }
    }

    @Test
    void aQuoteNeverClosedIsFatalAndNamesTheLineItOpenedOn() {
        assertThatThrownBy(() -> readAll("a,b\nc,\"open\nmore\n"))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.isRecoverable()).isFalse())
                .hasMessage("t.csv:2: a quoted field opened on line 2 is never closed; the rest of the input was"
                        + " read into it");
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        assertThat(CsvWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        assertThat(CsvWriter.quote(" padded")).isEqualTo("\" padded\"");
        assertThat(CsvWriter.quote(null)).isEmpty();
    }

}
