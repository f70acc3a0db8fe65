package io.tidewise.ui.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamDefinitionException;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form's draft round-trips through the job's own loader, and samples map through the job's own mapper. */
class StreamYamlAndPreviewTest {
    private final StreamDefinitionLoader loader = new StreamDefinitionLoader();

    @Test
    void everyExampleDefinitionRoundTripsThroughTheFormDraft() {
        for (String name : List.of("stock-ticks", "economy-releases", "traffic-sensors")) {
            StreamDefinition example = loader.load(exampleStreams().resolve(name + ".yaml"));
            StreamDefinition again = loader.parse(StreamYaml.render(StreamDraft.of(example)), name);
            assertThat(again).usingRecursiveComparison().ignoringFields("csv.skipHeaderLines").isEqualTo(example);
        }
    }

    @Test
    void typedTextCannotChangeTheYamlStructure() {
        StreamDraft draft = validJsonDraft();
        draft.setTopic("readings\nformat: csv # injected");
        StreamDefinition definition = loader.parse(StreamYaml.render(draft), "form");
        assertThat(definition.topic()).isEqualTo("readings\nformat: csv # injected");
        assertThat(definition.format()).isEqualTo(StreamDefinition.RecordFormat.JSON);
    }

    @Test
    void aValidAndAnInvalidSampleMapToAnObservationAndAPreciseError() {
        StreamDefinition definition = loader.parse(StreamYaml.render(validJsonDraft()), "form");
        List<PreviewLine> lines = StreamPreview.map(definition, """
                {"meter":"M1","at":"2024-03-01T00:15:00Z","kw":3.5}

                {"meter":"M1","at":"2024-03-01T00:30:00Z","kw":"lots"}
                """);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).observation().series().value()).isEqualTo("energy/M1/kw");
        assertThat(lines.get(0).observation().value()).isEqualTo(3.5);
        assertThat(lines.get(1).line()).isEqualTo(3);
        assertThat(lines.get(1).mapped()).isFalse();
        assertThat(lines.get(1).error()).contains("value /kw").contains("lots");
    }

    @Test
    void aCsvHeaderSampleIsRecognised() {
        StreamDraft draft = StreamDraft.of(loader.load(exampleStreams().resolve("traffic-sensors.yaml")));
        StreamDefinition definition = loader.parse(StreamYaml.render(draft), "form");
        List<PreviewLine> lines = StreamPreview.map(definition, "time;sensor;vehicles\n2024-01-02 08:05;S0001;412");
        assertThat(lines.get(0).header()).isTrue();
        assertThat(lines.get(1).observation().series().value()).isEqualTo("traffic/S0001/volume");
    }

    @Test
    void anInvalidDraftIsRefusedNamingTheKeyAndTheValue() {
        StreamDraft draft = validJsonDraft();
        draft.setFrequency("fortnightly");
        assertThatThrownBy(() -> loader.parse(StreamYaml.render(draft), "form"))
                .isInstanceOf(StreamDefinitionException.class)
                .hasMessageContaining("frequency").hasMessageContaining("'fortnightly'");
        draft.setFrequency("15m");
        draft.setHorizon("soon");
        assertThatThrownBy(() -> loader.parse(StreamYaml.render(draft), "form"))
                .hasMessageContaining("horizon").hasMessageContaining("soon");
    }

    static StreamDraft validJsonDraft() {
        StreamDraft draft = new StreamDraft();
        draft.setName("power-meters");
        draft.setTopic("power.readings");
        draft.setSeries("energy/{/meter}/kw");
        draft.setTimestampField("/at");
        draft.setValue("/kw");
        draft.setDomain("energy");
        draft.setTags("site=north, unit=kW");
        draft.setFrequency("15m");
        draft.setHorizon("8");
        return draft;
    }

    /** The repository's example definitions (streams/ at the root), which the job's own tests also use. */
    static Path exampleStreams() {
        Path fromModule = Path.of("..", "streams");
        return fromModule.toFile().isDirectory() ? fromModule : Path.of("streams");
    }
}
