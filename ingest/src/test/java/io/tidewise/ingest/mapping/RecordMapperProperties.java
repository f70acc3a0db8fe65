package io.tidewise.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.ExampleStreams;
import io.tidewise.ingest.produce.NativeRecordEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Fuzzing the parsers: whatever arrives, every record becomes an observation or a dead letter, never an exception. */
class RecordMapperProperties {
    private static final Map<String, RecordMapper> MAPPERS = Map.of(
            ExampleStreams.STOCK, new RecordMapper(ExampleStreams.get(ExampleStreams.STOCK)),
            ExampleStreams.TRAFFIC, new RecordMapper(ExampleStreams.get(ExampleStreams.TRAFFIC)),
            ExampleStreams.ECONOMY, new RecordMapper(ExampleStreams.get(ExampleStreams.ECONOMY)));

    private static final java.util.Set<DeadLetterReason> FIELD_REASONS = java.util.EnumSet.of(
            DeadLetterReason.MISSING_FIELD, DeadLetterReason.BAD_TIMESTAMP, DeadLetterReason.NON_NUMERIC_VALUE,
            DeadLetterReason.NON_FINITE_VALUE);

    private static void assertAccountedFor(MappingResult result, SourceRecord record, String stream) {
        assertThat(result).isNotNull();
        assertThat(result.stream()).isEqualTo(stream);
        if (result instanceof MappingResult.Rejected rejected) {
            DeadLetter letter = rejected.deadLetter();
            assertThat(letter.error()).startsWith(rejected.reason().wireName() + ": ");
            assertThat(letter.error().substring(rejected.reason().wireName().length() + 2)).isNotBlank();
            assertThat(rejected.reason()).isNotEqualTo(DeadLetterReason.MAPPING_FAILED);
            assertThat(letter.offset()).isEqualTo(record.offset());
            if (FIELD_REASONS.contains(rejected.reason())) {
                // A rejection about a field names it: the message alone must tell which field to fix.
                StreamDefinition definition = MAPPERS.get(stream).definition();
                List<String> fields = new java.util.ArrayList<>(
                        new SeriesIdTemplate(definition.seriesIdTemplate()).references());
                fields.add(definition.timestampField());
                fields.add(definition.valueField());
                assertThat(fields).as("fields named in: %s", letter.error())
                        .anySatisfy(field -> assertThat(letter.error()).contains(field));
            }
        } else if (result instanceof MappingResult.Mapped mapped) {
            assertThat(Double.isFinite(mapped.observation().value())).isTrue();
        } else {
            assertThat(stream).isEqualTo(ExampleStreams.TRAFFIC);
        }
    }

    @Property(tries = 300)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes, @ForAll("streams") String stream) {
        SourceRecord record = new SourceRecord("t", 0, 5, bytes);
        assertAccountedFor(MAPPERS.get(stream).map(record), record, stream);
    }

    @Property(tries = 400)
    void jsonLikeTextNeverThrows(@ForAll("jsonLike") String text, @ForAll("streams") String stream) {
        SourceRecord record = new SourceRecord("t", 1, 9, text.getBytes(StandardCharsets.UTF_8));
        assertAccountedFor(MAPPERS.get(stream).map(record), record, stream);
    }

    @Property(tries = 400)
    void csvLikeTextNeverThrows(@ForAll("csvLike") String text) {
        SourceRecord record = new SourceRecord("t", 2, 11, text.getBytes(StandardCharsets.UTF_8));
        assertAccountedFor(MAPPERS.get(ExampleStreams.TRAFFIC).map(record), record, ExampleStreams.TRAFFIC);
    }

    @Property(tries = 300)
    void nativeRecordsMapBackToTheirObservation(@ForAll("observations") Observation observation) {
        StreamDefinition definition = definitionFor(observation);
        NativeRecordEncoder encoder = new NativeRecordEncoder(definition);
        byte[] bytes = encoder.encode(observation);

        MappingResult result = MAPPERS.get(definition.name()).map(new SourceRecord(definition.topic(), 0, 0, bytes));

        assertThat(result).as(new String(bytes, StandardCharsets.UTF_8)).isInstanceOf(MappingResult.Mapped.class);
        assertThat(((MappingResult.Mapped) result).observation()).isEqualTo(observation);
        assertThat(encoder.key(observation)).isEqualTo(observation.series().value());
    }

    private static StreamDefinition definitionFor(Observation observation) {
        String name = switch (observation.domain()) {
            case STOCK -> ExampleStreams.STOCK;
            case TRAFFIC -> ExampleStreams.TRAFFIC;
            default -> ExampleStreams.ECONOMY;
        };
        return MAPPERS.get(name).definition();
    }

    @Provide
    Arbitrary<String> streams() {
        return Arbitraries.of(List.copyOf(MAPPERS.keySet()));
    }

    @Provide
    Arbitrary<String> jsonLike() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().withChars("AZaz09 .:-+eE\"\\/{}[],").ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("null", "true", "false", "NaN", "1e999", "-", "{}", "[]", "\"NaN\"", "\"\"", "01", "1.",
                        "{\"country\":\"US\"}", "\"2024-01\""));
        Arbitrary<String> key = Arbitraries.of("symbol", "price", "ts", "release", "observation", "value", "country",
                "indicator", "period", "x");
        Arbitrary<String> member = Combinators.combine(key, scalar).as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> nested = Combinators.combine(object, object, scalar).as((release, observation, extra) ->
                "{\"release\":" + release + ",\"observation\":" + observation + ",\"x\":" + extra + "}");
        Arbitrary<String> mangled = Combinators.combine(object, Arbitraries.integers().between(0, 30))
                .as((text, cut) -> text.substring(0, Math.min(cut, text.length())));
        return Arbitraries.oneOf(object, nested, mangled, scalar);
    }

    @Provide
    Arbitrary<String> csvLike() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withChars("09 :-;\"\r\nSa.eE+,").ofMaxLength(20),
                Arbitraries.of("2024-01-02 08:05", "2024-02-30 08:05", "S0001", "412", "NaN", "", "\"", "time",
                        "sensor", "vehicles"));
        return field.list().ofMinSize(0).ofMaxSize(5).map(fields -> String.join(";", fields));
    }

    @Provide
    Arbitrary<Observation> observations() {
        Arbitrary<String> segment = Arbitraries.strings().withCharRange('!', '~').withChars(" éü水;\"")
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.strip().equals(s) && !s.contains("{") && !s.contains("}"));
        Arbitrary<Instant> minutes = Arbitraries.longs().between(-2_000_000_000L, 4_000_000_000L)
                .map(seconds -> Instant.ofEpochSecond(seconds).truncatedTo(ChronoUnit.MINUTES));
        Arbitrary<Instant> millis = Arbitraries.longs().between(-5_000_000_000_000L, 9_000_000_000_000L)
                .map(Instant::ofEpochMilli);
        Arbitrary<Instant> months = Arbitraries.integers().between(1700 * 12, 2260 * 12)
                .map(month -> java.time.LocalDate.of(month / 12, month % 12 + 1, 1).atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
        Arbitrary<Double> values = Arbitraries.doubles().filter(Double::isFinite);
        Arbitrary<Observation> stock = Combinators.combine(segment.filter(s -> !s.contains("/")), millis, values)
                .as((symbol, time, value) -> new Observation(SeriesId.of("stock/" + symbol + "/close"), time, value,
                        io.tidewise.core.Domain.STOCK));
        Arbitrary<Observation> traffic = Combinators.combine(segment.filter(s -> !s.contains("/")), minutes,
                Arbitraries.integers().between(0, 5000))
                .as((sensor, time, count) -> new Observation(SeriesId.of("traffic/" + sensor + "/volume"), time,
                        count, io.tidewise.core.Domain.TRAFFIC));
        Arbitrary<Observation> economy = Combinators.combine(segment.filter(s -> !s.contains("/")),
                segment.filter(s -> !s.contains("/")), months, values)
                .as((country, indicator, time, value) -> new Observation(
                        SeriesId.of("economy/" + country + "/" + indicator), time, value,
                        io.tidewise.core.Domain.ECONOMY));
        return Arbitraries.oneOf(stock, traffic, economy);
    }
}
