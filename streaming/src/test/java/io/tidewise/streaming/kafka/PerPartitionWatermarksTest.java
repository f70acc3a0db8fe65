package io.tidewise.streaming.kafka;

import io.tidewise.ingest.kafka.KafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.streaming.CollectingSink;
import io.tidewise.streaming.FlinkTestCluster;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streams of very different frequencies and event times in one job, on one source task: monthly economy records
 * from 2024 on one topic and minute stock ticks from 2025 on another. Watermarks are per Kafka partition (assigned
 * in the source), so the ticks, a year ahead, do not make the economy records late: both series are regularized
 * and forecast, and nothing is dropped as late.
 */
class PerPartitionWatermarksTest {
    private static final String ECONOMY_TOPIC = "test.economy";
    private static final String STOCK_TOPIC = "test.stocks";
    private static final Frequency MONTHLY = Frequency.parse("1M");
    private static final Frequency MINUTE = Frequency.parse("1m");
    private static final Instant ECONOMY_START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant STOCK_START = Instant.parse("2025-06-02T14:30:00Z");
    private static final int MONTHS = 12;
    private static final int TICKS = 60;
    private static final String ECONOMY = """
            name: test-economy
            topic: test.economy
            format: json
            series: economy/{/region}/cpi
            timestamp:
              field: /ts
              format: epoch_ms
            value: /value
            domain: economy
            frequency: 1M
            horizon: 2
            """;
    private static final String STOCKS = """
            name: test-stocks
            topic: test.stocks
            format: json
            series: stock/{/symbol}/last
            timestamp:
              field: /ts
              format: epoch_ms
            value: /price
            domain: stock
            frequency: 1m
            horizon: 5
            """;

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.onLoopback(1);

    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopic(ECONOMY_TOPIC, 1);
        kafka.createTopic(STOCK_TOPIC, 1);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aStreamFarAheadInEventTimeDoesNotMakeAnotherStreamLate() throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<Instant> stockSteps = new ArrayList<>();
        List<Instant> economySteps = new ArrayList<>();
        // The ticks first, then economy records interleaved with more ticks: with one watermark per task, the
        // ticks' event time (a year ahead) would close every economy step before its record arrives.
        for (int tick = 0; tick < TICKS; tick++) {
            Instant at = MINUTE.add(STOCK_START, tick);
            stockSteps.add(at);
            records.add(record(STOCK_TOPIC, "{\"symbol\":\"ACME\",\"price\":" + (100 + tick % 7) + ",\"ts\":"
                    + at.toEpochMilli() + "}"));
            if (tick >= TICKS - MONTHS) {
                Instant month = MONTHLY.add(ECONOMY_START, tick - (TICKS - MONTHS));
                economySteps.add(month);
                records.add(record(ECONOMY_TOPIC, "{\"region\":\"US\",\"value\":" + (300 + tick % 5) + ",\"ts\":"
                        + month.toEpochMilli() + "}"));
            }
        }
        // One record batch per record and a small fetch size below: the source reader gets the two partitions'
        // records interleaved, as it would from live topics, whatever order it polls them in.
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }

        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(ECONOMY, "test-economy.yaml"),
                                new StreamDefinitionLoader().parse(STOCKS, "test-stocks.yaml")),
                        new SeriesSettings(Frequency.parse("1h"), 1)))
                .setForecasterFactory(LastValueForecaster.factory(16))
                .setContextLength(16)
                .optOutOfOrderness(Duration.ZERO)
                .optCheckpointInterval(Duration.ofMillis(500))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test, not a retry loop
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(1); // both partitions in one source reader
        CollectingSink<Observation> observed = new CollectingSink<>();
        CollectingSink<IssuedForecast> forecasts = new CollectingSink<>();
        CollectingSink<AccuracyPoint> accuracy = new CollectingSink<>();
        CollectingSink<Observation> late = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        TidewiseJob.buildFromRecords(env,
                KafkaSource.<SourceRecord>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setTopics(ECONOMY_TOPIC, STOCK_TOPIC)
                        .setGroupId("per-partition-watermarks-test")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setBounded(OffsetsInitializer.latest())
                        .setProperty("max.partition.fetch.bytes", "64")
                        .setDeserializer(new SourceRecordDeserializer())
                        .build(),
                new RecordMapping(List.of(new DefinitionText("test-economy.yaml", ECONOMY),
                        new DefinitionText("test-stocks.yaml", STOCKS)), null),
                settings, new TidewiseSinks(observed, forecasts, accuracy, late), deadLetters);
        env.execute("per-partition-watermarks-test");

        SeriesId economy = SeriesId.of("economy/US/cpi");
        SeriesId stock = SeriesId.of("stock/ACME/last");
        assertThat(observed.received()).hasSize(MONTHS + TICKS);
        assertThat(deadLetters.received()).isEmpty();
        assertThat(late.received()).isEmpty();
        // Every observed step of both series regularized and forecast.
        assertThat(forecasts.received()).filteredOn(f -> f.series().equals(economy))
                .extracting(IssuedForecast::issuedAt).containsExactlyInAnyOrderElementsOf(economySteps);
        assertThat(forecasts.received()).filteredOn(f -> f.series().equals(stock))
                .extracting(IssuedForecast::issuedAt).containsExactlyInAnyOrderElementsOf(stockSteps);
        assertThat(accuracy.received()).filteredOn(a -> a.series().equals(economy)).hasSize(MONTHS - 1);
        assertThat(accuracy.received()).filteredOn(a -> a.series().equals(stock)).hasSize(TICKS - 1);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
        return new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8));
    }
}
