package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.SeriesId;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

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
}
