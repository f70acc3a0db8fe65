package io.tidewise.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.ExampleStreams;
import io.tidewise.ingest.mapping.MappingResult;
import io.tidewise.ingest.mapping.RecordMapper;
import io.tidewise.ingest.mapping.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReplayTest {
    /** A clock that only moves when the pacer sleeps, recording each sleep. */
    static final class FakeClock {
        long nanos = 1_000;
        final List<Duration> sleeps = new ArrayList<>();

        Pacer pacer(SpeedFactor speed) {
            return Pacer.byEventTime(speed, () -> nanos, duration -> {
                sleeps.add(duration);
                nanos += duration.toNanos();
            });
        }
    }

    @Test
    void replaysInEventTimeOrderAsTheStreamsNativeLayout(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("ticks.csv");
        Files.writeString(file, """
                series_id,timestamp,value
                stock/MSFT/close,2024-01-02T00:02:00Z,370.5
                stock/AAPL/close,2024-01-02T00:01:00Z,185.5
                stock/AAPL/close,2024-01-02T00:00:00Z,185.31
                stock/MSFT/close,2024-01-02T00:00:00Z,370
                stock/AAPL/close,2024-01-02T00:02:00Z,
                """);
        CollectingSink sink = new CollectingSink();
        FakeClock clock = new FakeClock();
        StreamDefinition stock = ExampleStreams.get(ExampleStreams.STOCK);

        ReplaySummary summary = CsvReplay.builder().setDefinition(stock).setInput(file).setSink(sink)
                .optPacer(clock.pacer(SpeedFactor.parse("60x"))).build().run();

        assertThat(sink.sent).extracting(CollectingSink.Sent::key).containsExactly(
                "stock/AAPL/close", "stock/MSFT/close", "stock/AAPL/close", "stock/MSFT/close");
        assertThat(sink.sent).allSatisfy(sent -> assertThat(sent.topic()).isEqualTo("market.ticks"));
        assertThat(sink.sent.get(0).value()).isEqualTo("{\"symbol\":\"AAPL\",\"ts\":1704153600000,\"value\":185.31}"
                .replace("\"value\"", "\"price\""));
        // 60x: one minute of event time is one second of wall time, measured from the first record.
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(clock.nanos - 1_000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(summary.sent()).isEqualTo(4);
        assertThat(summary.seriesReplayed()).isEqualTo(2);
        assertThat(summary.missingSkipped()).isEqualTo(1);
        assertThat(summary.firstEventTime()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(summary.lastEventTime()).isEqualTo(Instant.parse("2024-01-02T00:02:00Z"));
        assertThat(summary.rejectedSeries()).isEmpty();
        assertThat(sink.flushes).isEqualTo(1);

        RecordMapper mapper = new RecordMapper(stock);
        assertThat(sink.sent).allSatisfy(sent -> assertThat(mapper.map(new SourceRecord("market.ticks", 0, 0,
                sent.value().getBytes(StandardCharsets.UTF_8)))).isInstanceOf(MappingResult.Mapped.class));
    }

    @Test
    void reportsSeriesItCannotReplayAndReplaysTheOthers(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("mixed.csv");
        Files.writeString(file, """
                series_id,timestamp,value
                traffic/S1/volume,2024-01-02T08:00:00Z,10
                traffic/S1/volume,2024-01-02T08:05:00Z,12
                stock/AAPL/close,2024-01-02T08:00:00Z,1
                traffic/S2/volume,3,5
                traffic/S3/volume,2024-01-02T08:00:00Z,oops
                """);
        CollectingSink sink = new CollectingSink();

        ReplaySummary summary = CsvReplay.builder().setDefinition(ExampleStreams.get(ExampleStreams.TRAFFIC))
                .setInput(file).setSink(sink).build().run();

        assertThat(sink.sent).extracting(CollectingSink.Sent::value)
                .containsExactly("2024-01-02 08:00;S1;10", "2024-01-02 08:05;S1;12");
        assertThat(summary.rejectedSeries()).hasSize(3);
        assertThat(summary.rejectedSeries()).anySatisfy(message -> assertThat(message)
                .contains("stock/AAPL/close").contains("does not match the template 'traffic/{sensor}/volume'"));
        assertThat(summary.rejectedSeries()).anySatisfy(message -> assertThat(message)
                .contains("traffic/S2/volume").contains("step indices"));
        assertThat(summary.rejectedSeries()).anySatisfy(message -> assertThat(message).contains("oops"));
    }

    @Test
    void refusesAFileWithNothingToReplay(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("other.csv");
        Files.writeString(file, "series_id,timestamp,value\nstock/AAPL/close,2024-01-02,1\n");

        assertThatThrownBy(() -> CsvReplay.builder().setDefinition(ExampleStreams.get(ExampleStreams.ECONOMY))
                .setInput(file).setSink(new CollectingSink()).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no series of").hasMessageContaining("economy-releases")
                .hasMessageContaining("stock/AAPL/close");
        assertThatThrownBy(() -> CsvReplay.builder().setDefinition(ExampleStreams.get(ExampleStreams.ECONOMY))
                .setSink(new CollectingSink()).build())
                .hasMessageContaining("exactly one of input (setInput) and content (setContent) is required");
    }

    @Test
    void pacesByRateAndParsesSpeeds() throws InterruptedException {
        long[] nanos = {0};
        List<Duration> sleeps = new ArrayList<>();
        Pacer pacer = Pacer.byRate(4, () -> nanos[0], duration -> {
            sleeps.add(duration);
            nanos[0] += duration.toNanos();
        });
        for (int i = 0; i < 5; i++) {
            pacer.awaitDue(Instant.EPOCH);
            nanos[0] += 50_000_000; // sending takes 50 ms
        }
        assertThat(sleeps).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200),
                Duration.ofMillis(200));

        assertThat(SpeedFactor.parse("60x").wallTime(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(SpeedFactor.parse("0.5x").wallTime(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(SpeedFactor.parse("max").isUnlimited()).isTrue();
        assertThat(SpeedFactor.parse("60x")).hasToString("60x");
        assertThatThrownBy(() -> SpeedFactor.parse("fast")).hasMessage(
                "speed must look like 60x, 1x, 0.5x or max, was 'fast'");
        assertThatThrownBy(() -> SpeedFactor.parse("0x")).hasMessageContaining("'0x'");
    }
}
