package io.tidewise.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.ingest.ExampleStreams;
import io.tidewise.ingest.produce.CollectingSink;
import io.tidewise.ingest.produce.Pacer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyntheticProducerTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void stopsAtTheEventTimeLimitInTheStreamsLayout() {
        CollectingSink sink = new CollectingSink();

        long sent = SyntheticProducer.builder().setSeries(SyntheticSeries.forDomain(Domain.TRAFFIC, 3, 1, START))
                .setDefinition(ExampleStreams.get(ExampleStreams.TRAFFIC)).setSink(sink)
                .optEventTimeLimit(START.plusSeconds(3600)).build().run();

        assertThat(sent).isEqualTo(3 * 12);
        assertThat(sink.sent).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo("traffic.counts");
            assertThat(record.value()).matches("2024-01-01 00:[0-5][05];S000[1-3];\\d+");
        });
        assertThat(sink.sent.get(35).value()).startsWith("2024-01-01 00:55;S0003;");
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void anInterruptStopsSendingFlushesWhatWasSentAndStaysVisible() {
        CollectingSink sink = new CollectingSink();
        int[] waits = {0};
        Pacer interruptedAtTheFifth = Pacer.byRate(1, () -> 0L, duration -> {
            if (++waits[0] == 4) {
                throw new InterruptedException("stop");
            }
        });

        long sent = SyntheticProducer.builder().setSeries(SyntheticSeries.forDomain(Domain.STOCK, 2, 1, START))
                .setDefinition(ExampleStreams.get(ExampleStreams.STOCK)).setSink(sink).optPacer(interruptedAtTheFifth)
                .build().run();

        assertThat(sent).isEqualTo(4);
        assertThat(sink.sent).hasSize(4);
        assertThat(sink.flushes).isEqualTo(1);
        assertThat(sink.flushedWhileInterrupted).isFalse();
        assertThat(Thread.interrupted()).as("interrupt restored (and cleared here)").isTrue();
    }

    @Test
    void refusesAStreamThatCannotCarryTheSeries() {
        assertThatThrownBy(() -> SyntheticProducer.builder()
                .setSeries(SyntheticSeries.forDomain(Domain.STOCK, 2, 1, START))
                .setDefinition(ExampleStreams.get(ExampleStreams.ECONOMY)).setSink(new CollectingSink()).build())
                .hasMessageContaining("definition 'economy-releases' cannot carry the synthetic stock series")
                .hasMessageContaining("stock/AAPL/close");
        assertThatThrownBy(() -> SyntheticProducer.builder().optRate(0)).hasMessage(
                "rate must be positive records per second, was 0.0");
        assertThatThrownBy(() -> SyntheticProducer.builder().build()).hasMessage(
                "series is required but was null (setSeries)");
    }
}
