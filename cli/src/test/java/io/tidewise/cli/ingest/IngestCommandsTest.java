package io.tidewise.cli.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.platform.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingest replay} and {@code ingest generate} against a real KRaft broker (the platform's own). */
class IngestCommandsTest {
    private static final String STREAMS = Path.of("..", "streams").toString();

    @TempDir
    static Path brokerDir;

    @TempDir
    Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(brokerDir, 0, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void replaySendsEveryValueInTheStreamsNativeLayoutAndReportsSeriesItCannotCarry() throws Exception {
        Path csv = Files.writeString(dir.resolve("ticks.csv"), """
                series_id,timestamp,value
                stock/AAPL/close,2024-01-02T14:31:00Z,185.5
                stock/MSFT/close,2024-01-02T14:30:00Z,370.1
                stock/AAPL/close,2024-01-02T14:30:00Z,185.25
                stock/AAPL/close,2024-01-02T14:32:00Z,
                traffic/S1/volume,2024-01-02T14:30:00Z,12
                """, StandardCharsets.UTF_8);
        CommandRun run = CommandRun.of("ingest", "replay", csv.toString(), "--stream", "stock-ticks", "--speed",
                "max", "--kafka", kafka.bootstrapServers(), "--streams", STREAMS);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SOME_SERIES_FAILED);
        assertThat(run.err()).contains("rejected: ").contains("traffic/S1/volume");
        assertThat(run.out()).contains("Replayed 3 records of 2 series onto market.ticks as stream stock-ticks");
        List<ConsumerRecord<String, String>> records = readAll("market.ticks", 3);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly(
                "{\"symbol\":\"AAPL\",\"ts\":1704205800000,\"price\":185.25}",
                "{\"symbol\":\"MSFT\",\"ts\":1704205800000,\"price\":370.1}",
                "{\"symbol\":\"AAPL\",\"ts\":1704205860000,\"price\":185.5}");
    }

    @Test
    void generateSendsTheLimitOfTrafficLinesOntoTheDomainsFirstStream() throws Exception {
        CommandRun run = CommandRun.of("ingest", "generate", "--domain", "traffic", "--series", "3", "--rate",
                "1000", "--limit", "12", "--start", "2024-01-01T00:00:00Z", "--kafka", kafka.bootstrapServers(),
                "--streams", STREAMS);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Sent 12 records of 3 traffic series onto traffic.counts as stream"
                + " traffic-sensors");
        List<ConsumerRecord<String, String>> records = readAll("traffic.counts", 12);
        assertThat(records).hasSize(12);
        // ';'-separated lines as the sensors send them: time;sensor;vehicles, 5-minute steps from the start
        assertThat(records.get(0).value()).matches("2024-01-01 00:00;S\\d+;\\d+");
        assertThat(records).extracting(ConsumerRecord::value)
                .anySatisfy(line -> assertThat(line).startsWith("2024-01-01 00:15;"));
    }

    @Test
    void unknownStreamsDomainsAndSpeedsAreUsageErrorsNamingTheValue() {
        CommandRun stream = CommandRun.of("ingest", "replay", "pom.xml", "--stream", "nope", "--kafka",
                kafka.bootstrapServers(), "--streams", STREAMS);
        assertThat(stream.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stream.err()).contains("--stream must be one of").contains("'nope'");

        CommandRun speed = CommandRun.of("ingest", "replay", "pom.xml", "--stream", "stock-ticks", "--speed", "fast",
                "--streams", STREAMS);
        assertThat(speed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(speed.err()).contains("--speed must look like").contains("'fast'");

        CommandRun domain = CommandRun.of("ingest", "generate", "--domain", "weather", "--streams", STREAMS);
        assertThat(domain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(domain.err()).contains("--domain must be one of stock, economy, traffic, was 'weather'");

        CommandRun rate = CommandRun.of("ingest", "generate", "--domain", "stock", "--rate", "0");
        assertThat(rate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(rate.err()).contains("--rate must be a positive number of records per second, was 0.0");
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // anything beyond what was expected would show up within another poll
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
