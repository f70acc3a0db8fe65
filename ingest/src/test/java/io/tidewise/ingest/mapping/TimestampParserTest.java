package io.tidewise.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampParserTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant parse(String format, ZoneId zone, String text) throws RecordRejectedException {
        return new TimestampParser(format, zone).parse(text, "timestamp /ts");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iso      | 2024-01-02T03:04:05Z              | 2024-01-02T03:04:05Z
            iso      | 2024-01-02T03:04:05.250+02:00     | 2024-01-02T01:04:05.250Z
            iso      | 2024-01-02T03:04:05               | 2024-01-02T08:04:05Z
            iso      | 2024-07-02T03:04                  | 2024-07-02T07:04:00Z
            iso      | 2024-01-02T03:04:05+01:00[Europe/Paris] | 2024-01-02T02:04:05Z
            iso      | 2024-01-02                        | 2024-01-02T05:00:00Z
            epoch_ms | 1704153600000                     | 2024-01-02T00:00:00Z
            epoch_ms | -1000                             | 1969-12-31T23:59:59Z
            epoch_s  | 1704153600                        | 2024-01-02T00:00:00Z
            epoch_s  | 1704153600.123456789              | 2024-01-02T00:00:00.123456789Z
            epoch_s  | -0.5                              | 1969-12-31T23:59:59.500Z
            MM/dd/yyyy hh:mm a | 01/02/2024 03:04 PM     | 2024-01-02T20:04:00Z
            yyyyMMdd | 20240102                          | 2024-01-02T05:00:00Z
            dd MMM yyyy | 02 jan 2024                    | 2024-01-02T05:00:00Z
            yyyy-MM-dd'T'HH:mmXXX | 2024-01-02T03:04+05:30 | 2024-01-01T21:34:00Z
            """)
    void readsEachFormatInTheStreamsZone(String format, String text, String expected) throws Exception {
        assertThat(parse(format, NEW_YORK, text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            iso      | 2024-13-02T00:00:00Z   | not a iso timestamp
            iso      | yesterday              | 'yesterday'
            epoch_ms | 1704153600000.5        | not a whole number of epoch milliseconds
            epoch_ms | 12e3                   | not a whole number
            epoch_s  | 1.2.3                  | not a number of epoch seconds
            epoch_s  | 99999999999            | outside the storable years 1677..2262
            epoch_s  | -9999999999            | outside the storable years
            yyyy-MM  | 2024-1                 | 'yyyy-MM'
            """)
    void rejectsWithTheFieldAndTheText(String format, String text, String problem) {
        assertThatThrownBy(() -> parse(format, ZoneOffset.UTC, text))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
                    assertThat(e.getMessage()).startsWith("timestamp /ts ").contains(problem);
                });
    }

    @Test
    void refusesFormatsThatCannotPlaceATime() {
        assertThatThrownBy(() -> TimestampParser.validateFormat("HH:mm"))
                .hasMessageContaining("'HH:mm' cannot read back the time it writes");
        assertThatThrownBy(() -> TimestampParser.validateFormat("yyyy-MM-dd {"))
                .hasMessageStartingWith("timestamp format must be iso, epoch_ms, epoch_s or a date-time pattern, was");
        TimestampParser.validateFormat("yyyy-MM");
        TimestampParser.validateFormat("epoch_s");
    }

    @Property(tries = 300)
    void formatsReadBackToTheSameInstant(@ForAll("instants") Instant instant, @ForAll("formats") String format,
            @ForAll("zones") ZoneId zone) throws Exception {
        // Offsets before 1950 include local mean times with seconds, which a pattern's XXX writes without them.
        Assume.that(!format.contains("XXX") || instant.isAfter(Instant.parse("1950-01-01T00:00:00Z")));
        TimestampParser parser = new TimestampParser(format, zone);
        Instant representable = switch (format) {
            case "epoch_ms" -> instant.truncatedTo(ChronoUnit.MILLIS);
            case "yyyy-MM-dd HH:mm:ss XXX" -> instant.truncatedTo(ChronoUnit.SECONDS);
            default -> instant;
        };

        assertThat(parser.parse(parser.format(representable), "ts")).isEqualTo(representable);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-9_000_000_000L, 9_000_000_000L)
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("iso", "epoch_ms", "epoch_s", "yyyy-MM-dd HH:mm:ss XXX");
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneOffset.UTC, NEW_YORK, ZoneId.of("Asia/Kolkata"));
    }
}
