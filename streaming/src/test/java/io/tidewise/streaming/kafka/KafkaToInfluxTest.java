package io.tidewise.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.store.AccuracySummary;
import io.tidewise.store.ForecastTrack;
import io.tidewise.store.ForecastValue;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.StoredForecast;
import io.tidewise.store.testing.InfluxServerExtension;
import io.tidewise.core.QuantileLevels;
import io.tidewise.streaming.FlinkTestCluster;
import io.tidewise.streaming.TidewiseJobMain;
import io.tidewise.streaming.inference.TinyGptCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.io.TempDir;
import io.tidewise.streaming.JobSettings;
import io.tidewise.streaming.TidewiseJob;
import io.tidewise.streaming.TidewiseSinks;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import io.tidewise.streaming.series.SeriesSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on real servers: known series are produced to a user topic of a real Kafka broker in their native
 * JSON layout (plus records that cannot be mapped), the job reads them through a stream definition on a Flink
 * MiniCluster, and the test reads back from a real {@code influxd} exactly the observations, the forecasts and the
 * live accuracy the series imply, and the dead letters from Kafka.
 */
class KafkaToInfluxTest {
    private static final String TOPIC = "test.ticks";
    private static final String DEAD_LETTERS = "test.deadletter";
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int DAYS = 20;
    private static final int HORIZON = 3;
    private static final String DEFINITION = """
            name: test-ticks
            topic: test.ticks
            format: json
            series: stock/{/symbol}/close
            timestamp:
              field: /ts
              format: epoch_ms
            value: /price
            domain: stock
            frequency: 1d
            horizon: 3
            """;

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.onLoopback(2);

    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static KafkaBroker kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
        kafka.createTopic(TOPIC, 2);
        kafka.createTopic(DEAD_LETTERS, 1);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void storesTheExactObservationsForecastsAndAccuracyOfReplayedSeries() throws Exception {
        Map<String, double[]> prices = new LinkedHashMap<>();
        Random random = new Random(3);
        for (String symbol : List.of("ACME", "INITECH")) {
            double[] values = new double[DAYS];
            double price = 100;
            for (int day = 0; day < DAYS; day++) {
                price = Math.round(100 * (price + random.nextGaussian())) / 100.0;
                values[day] = price;
            }
            prices.put(symbol, values);
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            for (Map.Entry<String, double[]> entry : prices.entrySet()) {
                String json = "{\"symbol\":\"" + entry.getKey() + "\",\"price\":" + entry.getValue()[day]
                        + ",\"ts\":" + DAILY.add(START, day).toEpochMilli() + "}";
                records.add(record(entry.getKey(), json));
            }
        }
        records.add(record("ACME", "{\"symbol\":\"ACME\",\"price\":1.0,\"ts\":\"yesterday\"}"));
        records.add(record("ACME", "not json at all"));
        records.add(record("INITECH", "{\"symbol\":\"INITECH\",\"ts\":1704067200000}"));
        kafka.produce(records);

        InfluxSettings influx = INFLUX.freshSettings().build();
        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(
                        List.of(new StreamDefinitionLoader().parse(DEFINITION, "test-ticks.yaml")),
                        new SeriesSettings(Frequency.parse("1h"), 1)))
                .setForecasterFactory(LastValueForecaster.factory(32))
                .setContextLength(32)
                .optOutOfOrderness(Duration.ofDays(1))
                .optCheckpointInterval(Duration.ofMillis(500))
                .build();
        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test, not a retry loop
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        TidewiseJob.buildFromRecords(env,
                KafkaEdges.rawRecords(kafka.bootstrapServers(), List.of(TOPIC), "tidewise-test", true),
                new RecordMapping(List.of(new DefinitionText("test-ticks.yaml", DEFINITION)), null),
                settings,
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null),
                KafkaEdges.deadLetters(kafka.bootstrapServers(), DEAD_LETTERS));
        env.execute("kafka-to-influx-test");

        try (InfluxStore store = InfluxStore.connect(influx)) {
            for (Map.Entry<String, double[]> entry : prices.entrySet()) {
                SeriesId series = SeriesId.of("stock/" + entry.getKey() + "/close");
                double[] values = entry.getValue();

                List<Observation> expected = new ArrayList<>();
                for (int day = 0; day < DAYS; day++) {
                    expected.add(new Observation(series, DAILY.add(START, day), values[day], Domain.STOCK));
                }
                assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);

                // At each target time the latest forecast made before it: days 1..20 from the day before (step 1),
                // and the last forecast's steps 2 and 3 beyond the data.
                ForecastTrack track = store.queries().forecastTrack(series, LastValueForecaster.MODEL_ID,
                        START, DAILY.add(START, DAYS + HORIZON)).orElseThrow();
                assertThat(track.values()).hasSize(DAYS - 1 + HORIZON);
                for (ForecastValue value : track.values()) {
                    assertThat(value.quantiles()).isSorted();
                    int target = (int) java.time.Duration.between(START, value.time()).toDays();
                    int issued = Math.min(target - 1, DAYS - 1);
                    assertThat(value.step()).isEqualTo(target - issued);
                    assertThat(value.issuedAt()).isEqualTo(DAILY.add(START, issued));
                    assertThat(value.mean()).isEqualTo(values[issued]);
                }

                StoredForecast latest = store.queries().latestForecast(series, LastValueForecaster.MODEL_ID)
                        .orElseThrow();
                assertThat(latest.issuedAt()).isEqualTo(DAILY.add(START, DAYS - 1));
                assertThat(latest.forecast().horizon()).isEqualTo(HORIZON);
                assertThat(latest.forecast().steps().get(HORIZON - 1).quantile(8))
                        .isEqualTo(LastValueForecaster.expectedQuantile(values[DAYS - 1], HORIZON, 0.9));

                double absErrors = 0;
                int covered = 0;
                for (int day = 1; day < DAYS; day++) {
                    double error = Math.abs(values[day] - values[day - 1]);
                    absErrors += error;
                    covered += error <= 0.4 ? 1 : 0;
                }
                AccuracySummary accuracy = store.queries().accuracy(series, START, DAILY.add(START, DAYS)).get(0);
                assertThat(accuracy.model()).isEqualTo(LastValueForecaster.MODEL_ID);
                assertThat(accuracy.count()).isEqualTo(DAYS - 1);
                assertThat(accuracy.meanAbsError()).isCloseTo(absErrors / (DAYS - 1), within(1e-9));
                assertThat(accuracy.coverage80()).isCloseTo((double) covered / (DAYS - 1), within(1e-9));
            }
        }

        List<DeadLetter> deadLetters = kafka.readAll(DEAD_LETTERS, 3, Duration.ofSeconds(30)).stream()
                .map(record -> CanonicalJson.readDeadLetter(record.value())).toList();
        assertThat(deadLetters).extracting(letter -> letter.error().substring(0, letter.error().indexOf(':')))
                .containsExactlyInAnyOrder("bad_timestamp", "malformed_json", "missing_field");
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.stream()).isEqualTo("test-ticks");
            assertThat(letter.topic()).isEqualTo(TOPIC);
        });
    }

    @Test
    void mainWiresKafkaInfluxDbAndAModelCheckpointFromItsArguments(@TempDir Path directory) throws Exception {
        String topic = "main.ticks";
        kafka.createTopic(topic, 1);
        kafka.createTopic("main.deadletter", 1);
        Path streams = Files.createDirectories(directory.resolve("streams"));
        Files.writeString(streams.resolve("main-ticks.yaml"), DEFINITION.replace("test-ticks", "main-ticks")
                .replace("test.ticks", topic).replace("frequency: 1d", "frequency: 1h").replace("horizon: 3",
                        "horizon: 4"));
        Frequency hourly = Frequency.parse("1h");
        int hours = 30;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<Observation> expected = new ArrayList<>();
        SeriesId series = SeriesId.of("stock/ACME/close");
        for (int hour = 0; hour < hours; hour++) {
            double price = 100 + 5 * Math.sin(hour / 4.0);
            Instant time = hourly.add(START, hour);
            expected.add(new Observation(series, time, price, Domain.STOCK));
            records.add(new ProducerRecord<>(topic, "ACME".getBytes(StandardCharsets.UTF_8),
                    ("{\"symbol\":\"ACME\",\"price\":" + price + ",\"ts\":" + time.toEpochMilli() + "}")
                            .getBytes(StandardCharsets.UTF_8)));
        }
        kafka.produce(records);
        Path model = TinyGptCheckpoint.write(directory.resolve("models/tiny-patch/1"));
        InfluxSettings influx = INFLUX.freshSettings().build();

        Configuration pipeline = new Configuration();
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(1);
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(new String[] {
            "--kafka", kafka.bootstrapServers(), "--influx", influx.url(), "--influx-database", influx.database(),
            "--model", model.toString(), "--streams", streams.toString(), "--bounded", "--group", "main-test",
            "--dead-letter-topic", "main.deadletter", "--out-of-orderness-ms", "0", "--checkpoint-ms", "500",
            "--name", "main-test"}));
        assertThat(name).isEqualTo("main-test");
        env.execute(name);

        try (InfluxStore store = InfluxStore.connect(influx)) {
            assertThat(store.queries().history(series)).containsExactlyElementsOf(expected);
            StoredForecast latest = store.queries().latestForecast(series, TinyGptCheckpoint.MODEL_ID).orElseThrow();
            assertThat(latest.issuedAt()).isEqualTo(hourly.add(START, hours - 1));
            assertThat(latest.forecast().horizon()).isEqualTo(4);
            assertThat(latest.forecast().levels()).isEqualTo(QuantileLevels.DECILES);
            ForecastTrack track = store.queries().forecastTrack(series, TinyGptCheckpoint.MODEL_ID, START,
                    hourly.add(START, hours + 4)).orElseThrow();
            assertThat(track.values()).hasSize(hours - 1 + 4);
            assertThat(store.queries().accuracy(series, START, hourly.add(START, hours)).get(0).count())
                    .isEqualTo(hours - 1);
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String key, String value) {
        return new ProducerRecord<>(TOPIC, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
