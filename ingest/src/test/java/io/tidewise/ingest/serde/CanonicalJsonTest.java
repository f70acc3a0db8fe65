package io.tidewise.ingest.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.mapping.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final Observation AAPL = new Observation(SeriesId.of("stock/AAPL/close"),
            Instant.parse("2024-01-02T00:00:00Z"), 185.31, Domain.STOCK);

    @Test
    void writesTheObservationLayoutOfTheArchitecture() {
        assertThat(new String(CanonicalJson.writeObservation(AAPL), StandardCharsets.UTF_8))
                .isEqualTo("{\"series\":\"stock/AAPL/close\",\"ts\":\"2024-01-02T00:00:00Z\",\"value\":185.31,"
                        + "\"domain\":\"stock\"}");
        assertThat(CanonicalJson.key(AAPL)).isEqualTo("stock/AAPL/close".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheDeadLetterLayoutOfTheArchitecture() {
        DeadLetter letter = new DeadLetter("stock-ticks", "market.ticks", 2, 1234, "{\"symbol\":",
                "malformed_json: Unexpected end-of-input");

        assertThat(new String(CanonicalJson.writeDeadLetter(letter), StandardCharsets.UTF_8))
                .isEqualTo("{\"stream\":\"stock-ticks\",\"topic\":\"market.ticks\",\"partition\":2,\"offset\":1234,"
                        + "\"raw\":\"{\\\"symbol\\\":\",\"error\":\"malformed_json: Unexpected end-of-input\"}");
        assertThat(CanonicalJson.readDeadLetter(CanonicalJson.writeDeadLetter(letter))).isEqualTo(letter);
        DeadLetter tombstone = new DeadLetter("s", "t", 0, 0, null, "empty_record: record has no value (null)");
        assertThat(new DeadLetterDeserializer().deserialize("x", new DeadLetterSerializer().serialize("x", tombstone)))
                .isEqualTo(tombstone);
    }

    @Test
    void aRecordReadTwiceInARowIsTheSameObservationAndChangedBytesAreReadAnew() {
        byte[] json = CanonicalJson.writeObservation(AAPL);
        assertThat(CanonicalJson.readObservation(json.clone())).isEqualTo(AAPL);
        assertThat(CanonicalJson.readObservation(json.clone())).isEqualTo(AAPL);
        String text = new String(json, StandardCharsets.UTF_8);
        byte[] changed = text.replace("185.31", "185.32").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(changed, 0, json, 0, json.length); // the same array, other content
        assertThat(CanonicalJson.readObservation(json).value()).isEqualTo(185.32);
        byte[] broken = text.replace("\"ts\"", "\"when\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CanonicalJson.readObservation(broken)).hasMessageContaining("ts must be");
    }

    @Test
    void readsObservationsIgnoringUnknownFieldsAndNamesWhatIsWrong() {
        assertThat(CanonicalJson.readObservation(("{\"domain\":\"stock\",\"value\":185.31,\"extra\":1,"
                + "\"ts\":\"2024-01-02T00:00:00Z\",\"series\":\"stock/AAPL/close\"}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(AAPL);
        assertThatThrownBy(() -> CanonicalJson.readObservation(("{\"series\":\"s\",\"ts\":\"2024-01-02\",\"value\":1,"
                + "\"domain\":\"stock\"}").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("observation ts must be an ISO-8601 instant, was '2024-01-02'");
        assertThatThrownBy(() -> CanonicalJson.readObservation(("{\"series\":\"s\",\"ts\":\"2024-01-02T00:00:00Z\","
                + "\"value\":\"1\",\"domain\":\"stock\"}").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("observation value must be a number, was \"1\"");
        assertThatThrownBy(() -> new ObservationDeserializer().deserialize("tidewise.observations",
                "[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("record on tidewise.observations is not a canonical Observation");
    }

    @Property(tries = 200)
    void observationsRoundTrip(@ForAll("observations") Observation observation) {
        byte[] bytes = new ObservationSerializer().serialize("t", observation);
        assertThat(new ObservationDeserializer().deserialize("t", bytes)).isEqualTo(observation);
    }

    /** The Flink job reads the canonical topic with these readers: any bytes are an observation or an IAE. */
    @Property(tries = 300)
    void readersOnlyEverThrowIllegalArgument(@ForAll("canonicalLike") byte[] bytes) {
        for (java.util.function.Function<byte[], Object> reader : java.util.List.<java.util.function.Function<byte[], Object>>of(
                CanonicalJson::readObservation, CanonicalJson::readDeadLetter)) {
            try {
                assertThat(reader.apply(bytes)).isNotNull();
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<byte[]> canonicalLike() {
        Arbitrary<String> field = Arbitraries.of("\"series\":\"a/b\"", "\"series\":\"\"", "\"series\":1",
                "\"ts\":\"2024-01-02T00:00:00Z\"", "\"ts\":\"x\"", "\"value\":1.5", "\"value\":1e999",
                "\"value\":\"1\"", "\"domain\":\"stock\"", "\"domain\":\"moon\"", "\"stream\":\"s\"",
                "\"topic\":\"t\"", "\"partition\":99999999999", "\"offset\":-1", "\"raw\":null", "\"error\":\"e\"");
        Arbitrary<byte[]> objects = field.list().ofMaxSize(8)
                .map(fields -> ("{" + String.join(",", fields) + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(objects, Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
    }

    @Provide
    Arbitrary<Observation> observations() {
        return Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').withChars("/-_.é水\"\\").ofMinLength(1).ofMaxLength(30),
                Arbitraries.longs().between(-6_000_000_000L, 9_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.doubles().filter(Double::isFinite),
                Arbitraries.of(Domain.class))
                .as((series, seconds, nanos, value, domain) -> new Observation(SeriesId.of(series),
                        Instant.ofEpochSecond(seconds, nanos), value, domain));
    }
}
