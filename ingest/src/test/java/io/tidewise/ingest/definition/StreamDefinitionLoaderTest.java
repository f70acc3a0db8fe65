package io.tidewise.ingest.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.StreamDefinition.RecordFormat;
import io.tidewise.ingest.ExampleStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamDefinitionLoaderTest {
    private final StreamDefinitionLoader loader = new StreamDefinitionLoader();

    private static final String VALID = """
            name: prices
            topic: market.ticks
            format: json
            series: stock/{/symbol}/close
            timestamp:
              field: /ts
              format: epoch_ms
            value: /price
            domain: stock
            frequency: 1m
            horizon: 30
            """;

    @Test
    void loadsTheThreeExampleDefinitions() {
        StreamCatalog catalog = ExampleStreams.catalog();

        assertThat(catalog.definitions()).extracting(StreamDefinition::name)
                .containsExactly("economy-releases", "stock-ticks", "traffic-sensors");
        StreamDefinition stock = catalog.get("stock-ticks");
        assertThat(stock.format()).isEqualTo(RecordFormat.JSON);
        assertThat(stock.seriesIdTemplate()).isEqualTo("stock/{/symbol}/close");
        assertThat(stock.timestampFormat()).isEqualTo("epoch_ms");
        assertThat(stock.tags()).isEqualTo(Map.of("source", "ticks"));
        assertThat(stock.frequency()).isEqualTo(Frequency.parse("1m"));
        StreamDefinition traffic = catalog.get("traffic-sensors");
        assertThat(traffic.csv().delimiter()).isEqualTo(';');
        assertThat(traffic.csv().columns()).containsExactly("time", "sensor", "vehicles");
        assertThat(traffic.csv().skipHeaderLines()).isTrue();
        assertThat(traffic.domain()).isEqualTo(Domain.TRAFFIC);
        StreamDefinition economy = catalog.get("economy-releases");
        assertThat(economy.timestampField()).isEqualTo("/release/period");
        assertThat(economy.frequency()).isEqualTo(Frequency.parse("1M"));
        assertThat(economy.horizon()).isEqualTo(12);
        assertThat(catalog.topics()).containsExactly("economy.releases", "market.ticks", "traffic.counts");
        assertThat(catalog.ofDomain(Domain.TRAFFIC)).containsExactly(traffic);
        assertThat(catalog.ofDomain(Domain.ENERGY)).isEmpty();
    }

    @Test
    void readsAMinimalDefinitionWithDefaults() {
        StreamDefinition definition = loader.parse("""
                name: m
                topic: t
                format: json
                series: other/one
                timestamp: /time
                value: /v
                domain: other
                frequency: 1h
                horizon: 1
                """, "m.yaml");

        assertThat(definition.timestampFormat()).isEqualTo("iso");
        assertThat(definition.zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(definition.tags()).isEmpty();
        assertThat(definition.model()).isNull();
    }

    @Test
    void readsCsvColumnsZoneAndModel() {
        StreamDefinition definition = loader.parse("""
                name: sensors
                topic: t
                format: csv
                csv: {delimiter: "|", columns: [id, at, count]}
                series: traffic/{id}/count
                timestamp: {field: at, format: "dd.MM.yyyy HH:mm", zone: Europe/Berlin}
                value: count
                domain: traffic
                frequency: 5m
                horizon: 12
                model: tidewise-small
                """, "s.yaml");

        assertThat(definition.csv().delimiter()).isEqualTo('|');
        assertThat(definition.csv().columns()).isEqualTo(List.of("id", "at", "count"));
        assertThat(definition.csv().skipHeaderLines()).isFalse();
        assertThat(definition.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(definition.model()).isEqualTo("tidewise-small");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key     | horizon: 30                 | horizon: 30\\nserie: x            | serie     | unknown key
            unknown timestamp key     | format: epoch_ms            | format: epoch_ms\\n  fromat: x    | timestamp.fromat | unknown key
            missing required key      | value: /price               | '# value: forgotten'            | value     | required but missing
            bad format                | format: json                | format: xml                     | format    | must be json or csv, was 'xml'
            bad domain                | domain: stock               | domain: weather                 | domain    | 'weather'
            bad frequency             | frequency: 1m               | frequency: often                | frequency | 'often'
            zero horizon              | horizon: 30                 | horizon: 0                      | horizon   | must be positive, was 0
            text horizon              | horizon: 30                 | horizon: soon                   | horizon   | must be a whole number, was 'soon'
            value not a pointer       | value: /price               | value: price                    | value     | JSON pointer starting with '/'
            series not a pointer      | series: stock/{/symbol}/close | series: stock/{symbol}/close  | series    | JSON pointer
            unbalanced brace          | series: stock/{/symbol}/close | series: stock/{/symbol/close  | series    | unbalanced brace
            bad timestamp format      | format: epoch_ms            | format: epoch_us_bogus_pattern_{ | timestamp.format | 'epoch_us_bogus_pattern_{'
            bad zone                  | format: epoch_ms            | format: epoch_ms\\n  zone: Mars/Olympus | timestamp.zone | 'Mars/Olympus'
            reserved tag              | horizon: 30                 | horizon: 30\\ntags: {series: x}  | tags.series | reserved
            csv section on json       | horizon: 30                 | horizon: 30\\ncsv: {columns: [a]} | csv     | only for format: csv
            name with capitals        | name: prices                | name: Prices                    | name      | 'Prices'
            boolean topic             | topic: market.ticks         | topic: yes                      | topic     | quote it
            """)
    void reportsFileKeyAndProblem(String description, String original, String replacement, String key, String problem) {
        String yaml = VALID.replace(original, replacement.replace("\\n", "\n"));
        assertThat(yaml).as("test setup must change the YAML").isNotEqualTo(VALID);

        assertThatThrownBy(() -> loader.parse(yaml, "streams/prices.yaml"))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> {
                    assertThat(e.file()).isEqualTo("streams/prices.yaml");
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.problem()).contains(problem);
                    assertThat(e.getMessage()).startsWith("streams/prices.yaml: " + key + ": ");
                });
    }

    @Test
    void csvStreamsNeedColumnsOrHeaderNamingTheirFields() {
        String csv = """
                name: sensors
                topic: t
                format: csv
                csv: CSV_SECTION
                series: traffic/{sensor}/volume
                timestamp: time
                value: vehicles
                domain: traffic
                frequency: 5m
                horizon: 12
                """;
        assertThatThrownBy(() -> loader.parse(csv.replace("csv: CSV_SECTION\n", ""), "s.yaml"))
                .hasMessage("s.yaml: csv: is required for format: csv (columns or header, and optionally delimiter)");
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{delimiter: \";\"}"), "s.yaml"))
                .hasMessageContaining("s.yaml: csv: needs columns");
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION",
                "{columns: [time, sensor, vehicles], header: \"time,sensor,vehicles\"}"), "s.yaml"))
                .hasMessageContaining("has both columns and header");
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{delimiter: \";;\", columns: [a]}"), "s.yaml"))
                .hasMessageContaining("s.yaml: csv.delimiter: must be one character, was ';;'");
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{columns: [time, sensor, count]}"), "s.yaml"))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> {
                    assertThat(e.key()).isEqualTo("value");
                    assertThat(e.problem()).contains("[time, sensor, count]").contains("'vehicles'");
                });
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{columns: [time, vehicles, count]}"), "s.yaml"))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> assertThat(e.key()).isEqualTo("series"));
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{columns: [time, time, sensor, vehicles]}"),
                "s.yaml"))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> {
                    assertThat(e.key()).isEqualTo("csv.columns");
                    assertThat(e.problem()).contains("'time' appears twice");
                });
        assertThatThrownBy(() -> loader.parse(csv.replace("CSV_SECTION", "{columns: [time, sensor, vehicles], quote: x}"),
                "s.yaml"))
                .hasMessageContaining("s.yaml: csv.quote: unknown key");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> loader.parse("name: a\ntopic: [unclosed\n", "bad.yaml"))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> {
                    assertThat(e.key()).isEqualTo("(yaml)");
                    assertThat(e.problem()).contains("not valid YAML at line");
                });
        assertThatThrownBy(() -> loader.parse(VALID + "horizon: 5\n", "dup.yaml"))
                .hasMessageContaining("dup.yaml: (yaml): ").hasMessageContaining("horizon");
        assertThatThrownBy(() -> loader.parse("", "empty.yaml")).hasMessageContaining("empty.yaml: (yaml): is empty");
        assertThatThrownBy(() -> loader.parse("# only a comment\n", "c.yaml")).hasMessageContaining("c.yaml: (yaml): is empty");
        assertThatThrownBy(() -> loader.parse(VALID + "---\n" + VALID.replace("prices", "other"), "two.yaml"))
                .hasMessage("two.yaml: (yaml): holds more than one YAML document; write one stream definition per file");
        assertThatThrownBy(() -> loader.parse("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("list.yaml: (yaml): must be a mapping of keys, was a list");
    }

    @Test
    void aFileThatIsNotUtf8IsRejectedNamingTheFile(@TempDir Path directory) throws IOException {
        Path latin1 = Files.write(directory.resolve("zurich.yaml"),
                "name: zürich\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new StreamDefinitionLoader().load(latin1))
                .isInstanceOf(StreamDefinitionException.class)
                .hasMessage(latin1 + ": (file): is not UTF-8 text (saved in another encoding, or not a YAML file at"
                        + " all?); save it as UTF-8");
    }

    @Test
    void rejectsTwoFilesDefiningOneName(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("a.yaml"), VALID);
        Files.writeString(directory.resolve("b.yml"), VALID);
        Files.writeString(directory.resolve("notes.txt"), "not a definition");

        assertThatThrownBy(() -> loader.loadDirectory(directory))
                .isInstanceOfSatisfying(StreamDefinitionException.class, e -> {
                    assertThat(e.file()).endsWith("b.yml");
                    assertThat(e.key()).isEqualTo("name");
                    assertThat(e.problem()).contains("'prices' is already defined in").contains("a.yaml");
                });
    }

    @Test
    void severalDefinitionsMayReadOneTopic(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("close.yaml"), VALID);
        Files.writeString(directory.resolve("volume.yaml"), VALID.replace("name: prices", "name: volumes")
                .replace("/close", "/volume").replace("value: /price", "value: /size"));

        StreamCatalog catalog = loader.loadDirectory(directory);

        assertThat(catalog.readingTopic("market.ticks")).extracting(StreamDefinition::name)
                .containsExactly("prices", "volumes");
        assertThatThrownBy(() -> catalog.get("nope")).hasMessage("stream must be one of [prices, volumes], was 'nope'");
    }
}
