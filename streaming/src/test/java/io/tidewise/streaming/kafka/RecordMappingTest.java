package io.tidewise.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.serde.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RecordMappingTest {
    private static final String CANONICAL = "tidewise.observations";
    private static final String TRAFFIC = """
            name: sensors
            topic: sensors.raw
            format: json
            series: traffic/{/id}/flow
            timestamp:
              field: /at
              format: iso
            value: /count
            domain: traffic
            frequency: 5m
            horizon: 12
            """;

    @Test
    void mapsUserTopicsThroughTheirDefinitionsAndTheCanonicalTopicAsCanonicalJson() throws Exception {
        Observation canonical = new Observation(SeriesId.of("economy/US/cpi"), Instant.parse("2024-02-01T00:00:00Z"),
                310.3, Domain.ECONOMY);
        try (OneInputStreamOperatorTestHarness<SourceRecord, Observation> harness = ProcessFunctionTestHarnesses
                .forProcessFunction(new RecordMapping(List.of(new DefinitionText("sensors.yaml", TRAFFIC)),
                        CANONICAL))) {
            harness.processElement(record("sensors.raw", 0,
                    "{\"id\":\"A7\",\"at\":\"2024-02-01T08:05:00Z\",\"count\":42}"), 0);
            harness.processElement(record("sensors.raw", 1, "{\"id\":\"A7\",\"at\":\"soon\",\"count\":42}"), 0);
            harness.processElement(new SourceRecord(CANONICAL, 0, 7, CanonicalJson.writeObservation(canonical)), 0);
            harness.processElement(record(CANONICAL, 8, "{\"series\":\"x\"}"), 0);
            harness.processElement(new SourceRecord(CANONICAL, 0, 9, null), 0);

            assertThat(harness.extractOutputValues()).containsExactly(
                    new Observation(SeriesId.of("traffic/A7/flow"), Instant.parse("2024-02-01T08:05:00Z"), 42,
                            Domain.TRAFFIC),
                    canonical);
            List<DeadLetter> deadLetters = harness.getSideOutput(RecordMapping.DEAD_LETTERS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(deadLetters).extracting(DeadLetter::stream, DeadLetter::topic, DeadLetter::offset)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("sensors", "sensors.raw", 1L),
                            org.assertj.core.groups.Tuple.tuple(RecordMapping.CANONICAL_STREAM, CANONICAL, 8L),
                            org.assertj.core.groups.Tuple.tuple(RecordMapping.CANONICAL_STREAM, CANONICAL, 9L));
            assertThat(deadLetters).extracting(letter -> letter.error().substring(0, letter.error().indexOf(':')))
                    .containsExactly("bad_timestamp", "malformed_json", "empty_record");
            assertThat(deadLetters.get(1).raw()).isEqualTo("{\"series\":\"x\"}");
        }
    }

    private static SourceRecord record(String topic, long offset, String value) {
        return new SourceRecord(topic, 0, offset, value.getBytes(StandardCharsets.UTF_8));
    }
}
