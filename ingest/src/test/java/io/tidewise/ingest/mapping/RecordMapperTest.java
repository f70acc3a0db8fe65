package io.tidewise.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.ExampleStreams;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordMapperTest {
    private static final RecordMapper STOCK = new RecordMapper(ExampleStreams.get(ExampleStreams.STOCK));
    private static final RecordMapper TRAFFIC = new RecordMapper(ExampleStreams.get(ExampleStreams.TRAFFIC));
    private static final RecordMapper ECONOMY = new RecordMapper(ExampleStreams.get(ExampleStreams.ECONOMY));

    private static SourceRecord record(String topic, String text) {
        return new SourceRecord(topic, 3, 42, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Observation mapped(RecordMapper mapper, String text) {
        MappingResult result = mapper.map(record(mapper.definition().topic(), text));
        assertThat(result).as("result of %s", text).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).observation();
    }

    private static MappingResult.Rejected rejected(RecordMapper mapper, String text) {
        MappingResult result = mapper.map(record(mapper.definition().topic(), text));
        assertThat(result).as("result of %s", text).isInstanceOf(MappingResult.Rejected.class);
        return (MappingResult.Rejected) result;
    }

    @Test
    void mapsTickLikeJsonOfTheStockExample() {
        assertThat(mapped(STOCK, "{\"symbol\":\"AAPL\",\"price\":185.31,\"ts\":1704153600000,\"size\":100}"))
                .isEqualTo(new Observation(SeriesId.of("stock/AAPL/close"), Instant.parse("2024-01-02T00:00:00Z"),
                        185.31, Domain.STOCK));
        assertThat(mapped(STOCK, "{\"ts\":\"1704153600123\",\"price\":\"9.5\",\"symbol\":\"BRK.B\"}"))
                .isEqualTo(new Observation(SeriesId.of("stock/BRK.B/close"), Instant.parse("2024-01-02T00:00:00.123Z"),
                        9.5, Domain.STOCK));
    }

    @Test
    void mapsCsvLinesOfTheTrafficExampleAndSkipsItsHeaderLine() {
        assertThat(mapped(TRAFFIC, "2024-01-02 08:05;S0001;412\n"))
                .isEqualTo(new Observation(SeriesId.of("traffic/S0001/volume"), Instant.parse("2024-01-02T08:05:00Z"),
                        412, Domain.TRAFFIC));
        assertThat(mapped(TRAFFIC, "\"2024-01-02 08:10\";\"S;2\";0"))
                .isEqualTo(new Observation(SeriesId.of("traffic/S;2/volume"), Instant.parse("2024-01-02T08:10:00Z"),
                        0, Domain.TRAFFIC));
        assertThat(TRAFFIC.map(record("traffic.counts", "time;sensor;vehicles\r\n")))
                .isInstanceOf(MappingResult.SkippedHeader.class);
    }

    @Test
    void mapsNestedJsonOfTheEconomyExample() {
        assertThat(mapped(ECONOMY, """
                {"release":{"country":"US","indicator":"cpi","period":"2024-01"},
                 "observation":{"value":"308.417","unit":"index"}}"""))
                .isEqualTo(new Observation(SeriesId.of("economy/US/cpi"), Instant.parse("2024-01-01T00:00:00Z"),
                        308.417, Domain.ECONOMY));
    }

    @Test
    void readsTimesWithoutOffsetInTheStreamsZone() {
        StreamDefinition berlin = new StreamDefinitionLoader().parse("""
                name: berlin
                topic: t
                format: csv
                csv: {columns: [id, at, n]}
                series: traffic/{id}
                timestamp: {field: at, format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                value: n
                domain: traffic
                frequency: 5m
                horizon: 1
                """, "berlin.yaml");
        RecordMapper mapper = new RecordMapper(berlin);

        assertThat(mapped(mapper, "a,15.07.2024 12:00,1").timestamp()).isEqualTo(Instant.parse("2024-07-15T10:00:00Z"));
        assertThat(mapped(mapper, "a,15.01.2024 12:00,1").timestamp()).isEqualTo(Instant.parse("2024-01-15T11:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            truncated JSON      | {"symbol":"AAPL",                                       | MALFORMED_JSON    | malformed_json:
            not an object       | [1,2,3]                                                 | NOT_AN_OBJECT     | must be a JSON object, was ARRAY
            a JSON string       | "AAPL"                                                  | NOT_AN_OBJECT     | must be a JSON object, was STRING
            bare NaN literal    | {"symbol":"AAPL","ts":1704153600000,"price":NaN}        | MALFORMED_JSON    | NaN
            epoch overflow      | {"symbol":"AAPL","ts":9999999999999999999,"price":1}    | BAD_TIMESTAMP     | overflows
            negative overflow   | {"symbol":"AAPL","ts":"-9999999999999999999","price":1} | BAD_TIMESTAMP     | overflows
            400-digit value     | {"symbol":"AAPL","ts":1704153600000,"price":10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000}        | NON_FINITE_VALUE  | reads as Infinity
            huge series number  | {"symbol":1e999999999,"ts":1704153600000,"price":1}     | INVALID_SERIES    | number too long for a series id
            trailing garbage    | {"symbol":"A","price":1,"ts":1} x                       | MALFORMED_JSON    | malformed_json:
            duplicate key       | {"symbol":"A","symbol":"B","price":1,"ts":1}            | MALFORMED_JSON    | symbol
            missing value       | {"symbol":"AAPL","ts":1704153600000}                    | MISSING_FIELD     | value /price is absent
            null value          | {"symbol":"AAPL","ts":1704153600000,"price":null}       | MISSING_FIELD     | value /price is null
            missing series      | {"ts":1704153600000,"price":1}                          | MISSING_FIELD     | series field /symbol is absent
            empty series        | {"symbol":"","ts":1704153600000,"price":1}              | MISSING_FIELD     | series field /symbol is empty
            missing timestamp   | {"symbol":"AAPL","price":1}                             | MISSING_FIELD     | timestamp /ts is absent
            text timestamp      | {"symbol":"AAPL","ts":"yesterday","price":1}            | BAD_TIMESTAMP     | 'yesterday'
            fractional millis   | {"symbol":"AAPL","ts":1704153600000.5,"price":1}        | BAD_TIMESTAMP     | not a whole number of epoch milliseconds
            far future          | {"symbol":"AAPL","ts":99999999999999999,"price":1}      | BAD_TIMESTAMP     | outside the storable years
            huge timestamp      | {"symbol":"AAPL","ts":1e400,"price":1}                  | BAD_TIMESTAMP     | out of range
            boolean timestamp   | {"symbol":"AAPL","ts":true,"price":1}                   | BAD_TIMESTAMP     | must be text or a number, was BOOLEAN
            text value          | {"symbol":"AAPL","ts":1704153600000,"price":"abc"}      | NON_NUMERIC_VALUE | value /price is not a number: 'abc'
            lenient Java double | {"symbol":"AAPL","ts":1704153600000,"price":"1d"}       | NON_NUMERIC_VALUE | '1d'
            object value        | {"symbol":"AAPL","ts":1704153600000,"price":{"v":1}}    | NON_NUMERIC_VALUE | must be a number, was OBJECT
            NaN text            | {"symbol":"AAPL","ts":1704153600000,"price":"NaN"}      | NON_FINITE_VALUE  | 'NaN'
            infinite text       | {"symbol":"AAPL","ts":1704153600000,"price":"-Infinity"} | NON_FINITE_VALUE | '-Infinity'
            overflowing number  | {"symbol":"AAPL","ts":1704153600000,"price":1e999}      | NON_FINITE_VALUE  | reads as Infinity
            object series       | {"symbol":{"a":1},"ts":1704153600000,"price":1}         | INVALID_SERIES    | must be text or a number, was OBJECT
            boolean series      | {"symbol":true,"ts":1704153600000,"price":1}            | INVALID_SERIES    | must be text or a number, was BOOLEAN true
            control character   | {"symbol":"AA\\u0007PL","ts":1704153600000,"price":1}   | INVALID_SERIES    | control character
            """)
    void sendsBadJsonRecordsToDeadLettersWithTheirReason(String description, String json, DeadLetterReason reason,
            String detail) {
        MappingResult.Rejected rejected = rejected(STOCK, json);

        assertThat(rejected.reason()).isEqualTo(reason);
        DeadLetter letter = rejected.deadLetter();
        assertThat(letter.error()).startsWith(reason.wireName() + ": ").contains(detail);
        assertThat(letter.reason()).isEqualTo(reason);
        assertThat(letter).extracting(DeadLetter::stream, DeadLetter::topic, DeadLetter::partition, DeadLetter::offset,
                DeadLetter::raw).containsExactly("stock-ticks", "market.ticks", 3, 42L, json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            too few fields      | 2024-01-02 08:05;S0001                       | MALFORMED_CSV     | has 2 fields, expected 3
            too many fields     | 2024-01-02 08:05;S0001;4;5                   | MALFORMED_CSV     | has 4 fields, expected 3
            wrong delimiter     | 2024-01-02 08:05,S0001,4                     | MALFORMED_CSV     | has 1 fields
            unclosed quote      | "2024-01-02 08:05;S0001;4                    | MALFORMED_CSV     | malformed_csv:
            two lines           | `2024-01-02 08:05;S1;4\n2024-01-02 08:10;S1;5` | MALFORMED_CSV   | more than one CSV line
            empty value         | 2024-01-02 08:05;S0001;                      | MISSING_FIELD     | value column vehicles is empty
            empty sensor        | 2024-01-02 08:05;;3                          | MISSING_FIELD     | series column sensor is empty
            bad time            | 08:05 2024-01-02;S0001;3                     | BAD_TIMESTAMP     | '08:05 2024-01-02'
            impossible date     | 2024-02-30 08:05;S0001;3                     | BAD_TIMESTAMP     | '2024-02-30 08:05'
            text count          | 2024-01-02 08:05;S0001;many                  | NON_NUMERIC_VALUE | 'many'
            infinite count      | 2024-01-02 08:05;S0001;inf                   | NON_FINITE_VALUE  | 'inf'
            """)
    void sendsBadCsvRecordsToDeadLettersWithTheirReason(String description, String line, DeadLetterReason reason,
            String detail) {
        String text = line.replace("\\n", "\n");
        MappingResult.Rejected rejected = rejected(TRAFFIC, text);

        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.deadLetter().error()).startsWith(reason.wireName() + ": ").contains(detail);
        assertThat(rejected.deadLetter().raw()).isEqualTo(text);
    }

    @Test
    void sendsBadEconomyReleasesToDeadLetters() {
        String badPeriod = "{\"release\":{\"country\":\"US\",\"indicator\":\"cpi\",\"period\":\"2024-13\"},"
                + "\"observation\":{\"value\":1}}";
        assertThat(rejected(ECONOMY, badPeriod).reason()).isEqualTo(DeadLetterReason.BAD_TIMESTAMP);
        String flat = "{\"country\":\"US\",\"indicator\":\"cpi\",\"period\":\"2024-01\",\"value\":1}";
        assertThat(rejected(ECONOMY, flat).deadLetter().error())
                .isEqualTo("missing_field: series field /release/country is absent");
    }

    @Test
    void keepsBytesThatAreNotUtf8AsBase64() {
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 'x'};
        MappingResult result = STOCK.map(new SourceRecord("market.ticks", 0, 7, bytes));

        MappingResult.Rejected rejected = (MappingResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.NOT_UTF8);
        assertThat(Base64.getDecoder().decode(rejected.deadLetter().raw())).isEqualTo(bytes);
        assertThat(rejected.deadLetter().error()).contains("base64");
    }

    @Test
    void takesUtf16TextForWhatItIsNotForABadField() {
        String json = "{\"symbol\":\"AAPL\",\"price\":1,\"ts\":1704153600000}";
        for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16)) {
            byte[] bytes = json.getBytes(utf16);
            MappingResult.Rejected rejected = (MappingResult.Rejected) STOCK.map(new SourceRecord("market.ticks", 0, 7,
                    bytes));
            assertThat(rejected.reason()).as(utf16.name()).isEqualTo(DeadLetterReason.NOT_UTF8);
            assertThat(Base64.getDecoder().decode(rejected.deadLetter().raw())).isEqualTo(bytes);
        }
        byte[] latin1 = "2024-01-02 08:05;Zürich;4".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(((MappingResult.Rejected) TRAFFIC.map(new SourceRecord("traffic.counts", 0, 1, latin1))).reason())
                .isEqualTo(DeadLetterReason.NOT_UTF8);
        byte[] utf16Csv = "2024-01-02 08:05;S0001;4".getBytes(StandardCharsets.UTF_16LE);
        MappingResult.Rejected csv = (MappingResult.Rejected) TRAFFIC.map(new SourceRecord("traffic.counts", 0, 2,
                utf16Csv));
        assertThat(csv.reason()).isEqualTo(DeadLetterReason.NOT_UTF8);
        assertThat(csv.deadLetter().error()).contains("NUL character at byte 1");
    }

    @Test
    void keepsTheDeadLetterOfAMegabyteRecordSmallEnoughForKafka() {
        String huge = "{\"symbol\":\"AAPL\",\"ts\":1704153600000,\"price\":\"" + "9".repeat(1_000_000) + "\"}";
        MappingResult.Rejected rejected = rejected(STOCK, huge);

        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.NON_FINITE_VALUE);
        DeadLetter letter = rejected.deadLetter();
        assertThat(letter.raw()).hasSize(DeadLetter.MAX_RAW_CHARS).isEqualTo(huge.substring(0, DeadLetter.MAX_RAW_CHARS));
        assertThat(letter.error()).contains("value /price is not a finite number")
                .contains("raw holds the first 65536 of " + huge.length() + " characters")
                .hasSizeLessThan(DeadLetter.MAX_ERROR_CHARS + 200);
    }

    @Test
    void rejectsTombstonesAndBlankRecords() {
        MappingResult.Rejected tombstone = (MappingResult.Rejected) STOCK.map(new SourceRecord("market.ticks", 0, 1, null));
        assertThat(tombstone.reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        assertThat(tombstone.deadLetter().raw()).isNull();
        assertThat(rejected(TRAFFIC, " \n").reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
        assertThat(rejected(STOCK, "").reason()).isEqualTo(DeadLetterReason.EMPTY_RECORD);
    }

    @Test
    void routesOneRecordThroughEveryDefinitionOfItsTopicAndCountsOutcomes() {
        StreamDefinitionLoader loader = new StreamDefinitionLoader();
        String close = """
                name: close
                topic: ticks
                format: json
                series: stock/{/symbol}/close
                timestamp: {field: /ts, format: epoch_s}
                value: /price
                domain: stock
                frequency: 1m
                horizon: 5
                """;
        StreamDefinition volume = loader.parse(close.replace("name: close", "name: volume")
                .replace("/close", "/volume").replace("value: /price", "value: /size"), "volume.yaml");
        MappingMetrics metrics = new MappingMetrics();
        TopicRouter router = new TopicRouter(List.of(loader.parse(close, "close.yaml"), volume), metrics);

        List<MappingResult> both = router.route(new SourceRecord("ticks", 0, 0,
                "{\"symbol\":\"X\",\"ts\":1704153600.25,\"price\":10,\"size\":300}".getBytes(StandardCharsets.UTF_8)));
        List<MappingResult> oneBad = router.route(new SourceRecord("ticks", 0, 1,
                "{\"symbol\":\"X\",\"ts\":1704153660,\"price\":11}".getBytes(StandardCharsets.UTF_8)));

        assertThat(both).extracting(result -> ((MappingResult.Mapped) result).observation().series().value())
                .containsExactly("stock/X/close", "stock/X/volume");
        assertThat(((MappingResult.Mapped) both.get(0)).observation().timestamp())
                .isEqualTo(Instant.parse("2024-01-02T00:00:00.250Z"));
        assertThat(oneBad.get(0)).isInstanceOf(MappingResult.Mapped.class);
        assertThat(oneBad.get(1)).isInstanceOf(MappingResult.Rejected.class);
        assertThat(metrics.observations("close")).isEqualTo(2);
        assertThat(metrics.observations("volume")).isEqualTo(1);
        assertThat(metrics.deadLetters("volume", DeadLetterReason.MISSING_FIELD)).isEqualTo(1);
        assertThat(metrics.deadLetters("close")).isZero();
        assertThat(metrics.snapshot().get("volume").deadLetters()).containsExactly(
                java.util.Map.entry(DeadLetterReason.MISSING_FIELD, 1L));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.route(new SourceRecord("other", 0, 0, null)))
                .hasMessageContaining("topic 'other' is read by no stream definition");
    }
}
