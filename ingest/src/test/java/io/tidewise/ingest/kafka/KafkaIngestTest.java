package io.tidewise.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.ExampleStreams;
import io.tidewise.ingest.forward.CanonicalForwarder;
import io.tidewise.ingest.generate.SyntheticProducer;
import io.tidewise.ingest.generate.SyntheticSeries;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.DeadLetterReason;
import io.tidewise.ingest.mapping.MappingResult;
import io.tidewise.ingest.mapping.RecordMapper;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.produce.CsvReplay;
import io.tidewise.ingest.produce.KafkaRecordSink;
import io.tidewise.ingest.produce.ReplaySummary;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.ingest.topic.TopicAdmin;
import io.tidewise.ingest.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producers, topic admin and the forwarder against a real in-process Kafka broker. */
class KafkaIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaBroker broker;
    private static TopicAdmin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
        admin = new TopicAdmin(broker.bootstrapServers(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static Observation map(RecordMapper mapper, ConsumerRecord<byte[], byte[]> record) {
        MappingResult result = mapper.map(new SourceRecord(record.topic(), record.partition(), record.offset(),
                record.value()));
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).observation();
    }

    @Test
    void topicAdminCreatesMissingTopicsOnly() {
        List<String> created = admin.ensureTopics(Map.of("admin.test", 4), (short) 1);
        List<String> again = admin.ensureTopics(Map.of("admin.test", 2), (short) 1);

        assertThat(created).containsExactly("admin.test");
        assertThat(again).isEmpty();
        assertThat(admin.partitions("admin.test")).isEqualTo(4);
        assertThat(admin.listTopics()).contains("admin.test");
        StreamDefinition stock = ExampleStreams.get(ExampleStreams.STOCK);
        StreamDefinition close = new StreamDefinition("close", "admin.source", stock.format(), stock.seriesIdTemplate(),
                stock.timestampField(), stock.timestampFormat(), stock.zone(), stock.valueField(), stock.domain(),
                stock.tags(), stock.frequency(), stock.horizon(), null);
        StreamDefinition volume = new StreamDefinition("volume", "admin.source", stock.format(), "stock/{/symbol}/volume",
                stock.timestampField(), stock.timestampFormat(), stock.zone(), "/size", stock.domain(),
                stock.tags(), stock.frequency(), stock.horizon(), null);
        assertThat(admin.ensureSourceTopics(List.of(close, volume), 3, (short) 1)).containsExactly("admin.source");
        assertThat(admin.partitions("admin.source")).isEqualTo(3);
    }

    @Test
    void generatedStockTicksArriveKeyedBySeriesAndInOrderPerSeries() {
        StreamDefinition stock = ExampleStreams.get(ExampleStreams.STOCK);
        admin.ensureTopics(Map.of(stock.topic(), 3), (short) 1);
        Instant start = Instant.parse("2024-03-01T09:30:00Z");
        long sent;
        try (KafkaRecordSink sink = KafkaRecordSink.create(broker.bootstrapServers())) {
            sent = SyntheticProducer.builder().setSeries(SyntheticSeries.forDomain(Domain.STOCK, 6, 99, start))
                    .setDefinition(stock).setSink(sink).optRate(5_000).optLimit(600).build().run();
        }
        SyntheticSeries same = SyntheticSeries.forDomain(Domain.STOCK, 6, 99, start);
        List<Observation> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            expected.add(same.next());
        }

        List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(stock.topic(), 600, WAIT);

        assertThat(sent).isEqualTo(600);
        assertThat(records).hasSize(600);
        RecordMapper mapper = new RecordMapper(stock);
        Map<String, Integer> partitionOfSeries = new HashMap<>();
        Map<String, List<Observation>> bySeries = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Observation observation = map(mapper, record);
            String key = new String(record.key(), StandardCharsets.UTF_8);
            assertThat(key).isEqualTo(observation.series().value());
            assertThat(partitionOfSeries.computeIfAbsent(key, k -> record.partition())).isEqualTo(record.partition());
            bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(observation);
        }
        for (Map.Entry<String, List<Observation>> series : bySeries.entrySet()) {
            List<Observation> expectedOfSeries = expected.stream()
                    .filter(observation -> observation.series().value().equals(series.getKey())).toList();
            assertThat(series.getValue()).as(series.getKey()).containsExactlyElementsOf(expectedOfSeries);
        }
        assertThat(bySeries).hasSize(6);
    }

    @Test
    void replayedEconomyReleasesArriveInEventTimeOrder(@TempDir Path directory) throws Exception {
        StreamDefinition economy = ExampleStreams.get(ExampleStreams.ECONOMY);
        admin.ensureTopics(Map.of(economy.topic(), 1), (short) 1);
        Path file = directory.resolve("releases.csv");
        Files.writeString(file, """
                series_id,timestamp,value
                economy/US/cpi,2024-03-01,310.3
                economy/DE/unemployment,2024-01-01,5.8
                economy/US/cpi,2024-01-01,308.4
                economy/DE/unemployment,2024-02-01,5.9
                economy/US/cpi,2024-02-01,309.7
                economy/DE/unemployment,2024-03-01,
                """);
        ReplaySummary summary;
        try (KafkaRecordSink sink = KafkaRecordSink.create(broker.bootstrapServers())) {
            summary = CsvReplay.builder().setDefinition(economy).setInput(file).setSink(sink)
                    .optSpeed(SpeedFactor.parse("1000000000x")).build().run();
        }

        List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(economy.topic(), 5, WAIT);

        assertThat(summary.sent()).isEqualTo(5);
        assertThat(summary.missingSkipped()).isEqualTo(1);
        RecordMapper mapper = new RecordMapper(economy);
        List<Observation> observations = records.stream().map(record -> map(mapper, record)).toList();
        assertThat(observations).extracting(observation -> observation.series() + "@"
                + observation.timestamp().toString().substring(0, 7) + "=" + observation.value())
                .containsExactly(
                        "economy/DE/unemployment@2024-01=5.8", "economy/US/cpi@2024-01=308.4",
                        "economy/DE/unemployment@2024-02=5.9", "economy/US/cpi@2024-02=309.7",
                        "economy/US/cpi@2024-03=310.3");
        assertThat(observations).isSortedAccordingTo(Comparator.comparing(Observation::timestamp));
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"release\":{\"country\":\"DE\",\"indicator\":\"unemployment\",\"period\":\"2024-01\"},"
                        + "\"observation\":{\"value\":5.8}}");
    }

    @Test
    void forwarderPublishesCanonicalObservationsAndDeadLetters() {
        StreamDefinition traffic = ExampleStreams.get(ExampleStreams.TRAFFIC);
        admin.ensureTopics(Map.of(traffic.topic(), 2), (short) 1);
        admin.ensureTidewiseTopics(2, (short) 1);
        Instant start = Instant.parse("2024-05-06T07:00:00Z");
        List<Observation> expected = new ArrayList<>();
        SyntheticSeries twin = SyntheticSeries.forDomain(Domain.TRAFFIC, 4, 5, start);
        for (int i = 0; i < 80; i++) {
            expected.add(twin.next());
        }
        try (KafkaRecordSink sink = KafkaRecordSink.create(broker.bootstrapServers())) {
            SyntheticProducer.builder().setSeries(SyntheticSeries.forDomain(Domain.TRAFFIC, 4, 5, start))
                    .setDefinition(traffic).setSink(sink).optLimit(80).build().run();
            sink.send(traffic.topic(), "bad", "time;sensor;vehicles".getBytes(StandardCharsets.UTF_8));
            sink.send(traffic.topic(), "bad", "2024-05-06 07:00;S0009".getBytes(StandardCharsets.UTF_8));
            sink.send(traffic.topic(), "bad", "2024-05-06 07:00;S0009;lots".getBytes(StandardCharsets.UTF_8));
            sink.flush();
        }

        CanonicalForwarder.Builder builder = CanonicalForwarder.builder().setBootstrapServers(broker.bootstrapServers())
                .setDefinitions(List.of(traffic)).optGroupId("forwarder-test");
        try (CanonicalForwarder forwarder = builder.build()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            int read = 0;
            while (read < 83 && System.nanoTime() < deadline) {
                read += forwarder.pollOnce(Duration.ofMillis(200));
            }
            assertThat(read).isEqualTo(83);
            assertThat(forwarder.metrics().observations(traffic.name())).isEqualTo(80);
            assertThat(forwarder.metrics().skippedHeaders(traffic.name())).isEqualTo(1);
            assertThat(forwarder.metrics().deadLetters(traffic.name(), DeadLetterReason.MALFORMED_CSV)).isEqualTo(1);
            assertThat(forwarder.metrics().deadLetters(traffic.name(), DeadLetterReason.NON_NUMERIC_VALUE)).isEqualTo(1);
        }

        List<ConsumerRecord<byte[], byte[]>> canonical = broker.readAll(Topics.OBSERVATIONS, 80, WAIT);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = broker.readAll(Topics.DEAD_LETTER, 2, WAIT);

        assertThat(canonical).hasSize(80);
        assertThat(canonical).allSatisfy(record -> assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo(CanonicalJson.readObservation(record.value()).series().value()));
        assertThat(canonical.stream().map(record -> CanonicalJson.readObservation(record.value())).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deadLetters).hasSize(2);
        List<DeadLetter> letters = deadLetters.stream().map(record -> CanonicalJson.readDeadLetter(record.value()))
                .sorted(Comparator.comparing(DeadLetter::raw)).toList();
        assertThat(letters).extracting(DeadLetter::stream, DeadLetter::topic, DeadLetter::raw, DeadLetter::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("traffic-sensors", "traffic.counts", "2024-05-06 07:00;S0009",
                                DeadLetterReason.MALFORMED_CSV),
                        org.assertj.core.groups.Tuple.tuple("traffic-sensors", "traffic.counts",
                                "2024-05-06 07:00;S0009;lots", DeadLetterReason.NON_NUMERIC_VALUE));
        List<ConsumerRecord<byte[], byte[]>> source = broker.readAll(traffic.topic(), 83, WAIT);
        for (DeadLetter letter : letters) {
            ConsumerRecord<byte[], byte[]> original = source.stream()
                    .filter(record -> record.partition() == letter.partition() && record.offset() == letter.offset())
                    .findFirst().orElseThrow();
            assertThat(new String(original.value(), StandardCharsets.UTF_8)).isEqualTo(letter.raw());
        }
    }
}
