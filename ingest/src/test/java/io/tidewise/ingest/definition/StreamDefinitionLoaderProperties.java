package io.tidewise.ingest.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tidewise.core.StreamDefinition;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing the stream-definition loader: whatever a file holds, the loader returns a definition or throws a
 * {@link StreamDefinitionException} that names the file, the key and the problem; never a raw YAML or Jackson
 * exception, never a bare runtime exception.
 */
class StreamDefinitionLoaderProperties {
    private static final String FILE = "streams/fuzz.yaml";
    private static final List<String> VALID = List.of(
            "name: fuzz-ticks",
            "topic: fuzz.ticks",
            "format: json",
            "series: stock/{/symbol}/close",
            "timestamp:\n  field: /ts\n  format: epoch_ms\n  zone: UTC",
            "value: /price",
            "domain: stock",
            "frequency: 1m",
            "horizon: 30");

    private final StreamDefinitionLoader loader = new StreamDefinitionLoader();

    /** Parses, and checks that the outcome is a definition or a well-formed rejection. */
    private void assertDefinitionOrNamedRejection(String yaml) {
        StreamDefinition definition;
        try {
            definition = loader.parse(yaml, FILE);
        } catch (StreamDefinitionException e) {
            assertThat(e.file()).isEqualTo(FILE);
            assertThat(e.key()).as("the key of: %s", e.getMessage()).isNotBlank();
            assertThat(e.problem()).as("the problem of: %s", e.getMessage()).isNotBlank();
            assertThat(e.getMessage()).startsWith(FILE + ": " + e.key() + ": ");
            if (e.getCause() instanceof JsonProcessingException) {
                assertThat(e.problem()).as("a YAML syntax error names its line").contains("line ");
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("the loader leaked " + e + " for:\n" + yaml, e);
        }
        assertThat(definition).isNotNull();
    }

    @Property(tries = 400)
    void arbitraryTextIsADefinitionOrANamedRejection(@ForAll @Size(max = 300) String text) {
        assertDefinitionOrNamedRejection(text);
    }

    @Property(tries = 600)
    void mutatedDefinitionsAreDefinitionsOrNamedRejections(@ForAll("mutatedDefinitions") String yaml) {
        assertDefinitionOrNamedRejection(yaml);
    }

    @Property(tries = 300)
    void yamlShapedNoiseIsADefinitionOrANamedRejection(@ForAll("yamlNoise") String yaml) {
        assertDefinitionOrNamedRejection(yaml);
    }

    @Provide
    Arbitrary<String> mutatedDefinitions() {
        Arbitrary<String> keys = Arbitraries.of("name", "topic", "format", "csv", "series", "timestamp", "value",
                "domain", "tags", "frequency", "horizon", "model", "nmae", "timestamp.field", "Format", "", "? [a]",
                "1", "true", "null", "\"quoted key\"", "名前");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("", "~", "null", "yes", "no", "on", "true", "1", "-1", "0", "2147483648",
                        "99999999999999999999999", "1e400", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000",
                        "[]", "{}", "[a, b]", "{field: /ts}", "{field: /ts, format: \"HH:mm\"}",
                        "{field: /ts, format: \"[\"}", "{field: /ts, zone: Mars/Olympus}", "json", "csv", "xml",
                        "stock/{/symbol", "stock/{}/close", "/price", "price", "1m", "0m", "-1m", "99999999999999d",
                        "1X", "\"\\x00\"", "!!binary aGVsbG8=", "&anchor value", "*alias", "!!python/object:os.system",
                        "|\n  multi\n  line", "\"unterminated", "'single", "\t tab", "{csv: {columns: [a, a]}}",
                        "{delimiter: ';;', columns: [a]}", "{header: ''}", "2024-01-01", "12:30:00"),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> line = Combinators.combine(keys, values).as((k, v) -> k + ": " + v);
        Arbitrary<Integer> drop = Arbitraries.integers().between(-1, VALID.size() - 1);
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 400);
        return Combinators.combine(line.list().ofMaxSize(3), drop, cut, Arbitraries.of(true, false))
                .as((extra, dropped, cutAt, truncate) -> {
                    List<String> lines = new ArrayList<>(VALID);
                    if (dropped >= 0) {
                        lines.remove((int) dropped);
                    }
                    lines.addAll(extra);
                    String text = String.join("\n", lines) + "\n";
                    return truncate ? text.substring(0, Math.min(cutAt, text.length())) : text;
                });
    }

    @Provide
    Arbitrary<String> yamlNoise() {
        Arbitrary<String> token = Arbitraries.of(":", " ", "\n", "  ", "-", "[", "]", "{", "}", ",", "\"", "'", "&a",
                "*a", "!!str", "!!int", "!tag", "?", "|", ">", "#", "%YAML 1.2", "---", "...", "\t", "name", "topic",
                "series", "timestamp", "field", "1", "x", "/", "<<: *a", "\u0000", "\uFEFF", "\\u", "@", "`");
        return token.list().ofMaxSize(60).map(tokens -> String.join("", tokens));
    }
}
