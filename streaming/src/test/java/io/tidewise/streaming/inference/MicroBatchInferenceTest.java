package io.tidewise.streaming.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.streaming.context.ForecastTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicroBatchInferenceTest {
    private static final Frequency HOURLY = Frequency.parse("1h");
    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

    private OneInputStreamOperatorTestHarness<ForecastTrigger, IssuedForecast> harness;

    @BeforeEach
    void resetForecaster() {
        LastValueForecaster.resetCounters();
    }

    private void start(int maxBatchSize, Duration maxBatchDelay) throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new MicroBatchInference(LastValueForecaster.factory(64),
                QuantileLevels.DECILES, maxBatchSize, maxBatchDelay));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void sendsAFullBatchAtOnceAndLoadsTheForecasterOnce() throws Exception {
        start(3, Duration.ofSeconds(10));
        for (int series = 0; series < 7; series++) {
            send(series, 2, 5.0 + series, 2);
        }
        assertThat(LastValueForecaster.batchSizes()).containsExactly(3, 3);
        assertThat(harness.extractOutputValues()).hasSize(6);

        harness.endInput();
        assertThat(LastValueForecaster.batchSizes()).containsExactly(3, 3, 1);
        assertThat(LastValueForecaster.loaded()).isEqualTo(1);
        harness.close();
        harness = null;
        assertThat(LastValueForecaster.CLOSED.get()).isEqualTo(1);
    }

    @Test
    void sendsAPartialBatchWhenItsFirstRequestHasWaitedTheMaxDelay() throws Exception {
        start(100, Duration.ofMillis(200));
        send(0, 1, 1.0, 3);
        harness.setProcessingTime(150);
        send(1, 1, 2.0, 3);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(200);
        assertThat(LastValueForecaster.batchSizes()).containsExactly(2);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void answersEveryWaitingRequestBeforeACheckpointBarrier() throws Exception {
        start(100, Duration.ofSeconds(10));
        send(0, 1, 1.0, 3);
        send(1, 1, 2.0, 3);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(harness.extractOutputValues()).hasSize(2);

        // The flushed batch's timer is gone: a new request waits its own full delay, not the old batch's.
        harness.setProcessingTime(5_000);
        send(2, 1, 3.0, 3);
        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        harness.setProcessingTime(15_000);
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(LastValueForecaster.batchSizes()).containsExactly(2, 1);
    }

    @Test
    void holdsTheWatermarkBackUntilTheForecastsBeforeItAreOut() throws Exception {
        start(100, Duration.ofSeconds(10));
        harness.processWatermark(new Watermark(10));
        send(0, 1, 1.0, 3);
        harness.processWatermark(new Watermark(20));
        harness.processWatermark(new Watermark(30));
        assertThat(new ArrayList<>(harness.getOutput())).containsExactly(new Watermark(10));

        harness.setProcessingTime(10_000);
        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(3);
        assertThat(output.get(1)).isInstanceOf(StreamRecord.class);
        assertThat(output.get(2)).isEqualTo(new Watermark(30));
    }

    @Test
    void emitsForecastsWithTheRequestTimestampTargetTimesAndModel() throws Exception {
        start(2, Duration.ofSeconds(10));
        send(0, 3, 10.0, 2);
        send(1, 5, 20.0, 3);

        List<StreamRecord<? extends IssuedForecast>> records = harness.extractOutputStreamRecords();
        assertThat(records).extracting(StreamRecord::getTimestamp).containsExactly(timestampOf(3), timestampOf(5));
        IssuedForecast first = records.get(0).getValue();
        assertThat(first.series()).isEqualTo(series(0));
        assertThat(first.modelId()).isEqualTo(LastValueForecaster.MODEL_ID);
        assertThat(first.issuedAt()).isEqualTo(HOURLY.add(START, 3));
        assertThat(first.horizon()).isEqualTo(2);
        assertThat(first.targetTime(1)).isEqualTo(HOURLY.add(START, 4));
        assertThat(first.targetTime(2)).isEqualTo(HOURLY.add(START, 5));
        assertThat(first.means()).containsExactly(10.0, 10.0);
        assertThat(first.quantile(2, 0.9)).isEqualTo(LastValueForecaster.expectedQuantile(10.0, 2, 0.9));
        assertThat(records.get(1).getValue().horizon()).isEqualTo(3);
        // Two horizons in one batch: two calls to the forecaster, one per horizon.
        assertThat(LastValueForecaster.batchSizes()).containsExactly(1, 1);
    }

    @Test
    void forecastsEachSeriesWithTheModelItsStreamNamesLoadingEachModelOncePerTask() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new MicroBatchInference(
                LastValueForecaster.registryFactory(64), QuantileLevels.DECILES, 100, Duration.ofSeconds(10)));
        harness.open();
        String[] models = {null, "traffic-small", null, "traffic-small", "economy-large"};
        for (int series = 0; series < models.length; series++) {
            harness.processElement(new ForecastTrigger(series(series), Domain.TRAFFIC, new double[] {series},
                    HOURLY.add(START, 1), HOURLY, 2, 1.0, models[series]), timestampOf(1));
        }
        harness.endInput();

        assertThat(harness.extractOutputValues()).extracting(f -> f.series().value() + " " + f.modelId())
                .containsExactlyInAnyOrder(
                        "traffic/sensor-0/volume " + LastValueForecaster.MODEL_ID,
                        "traffic/sensor-1/volume traffic-small@1",
                        "traffic/sensor-2/volume " + LastValueForecaster.MODEL_ID,
                        "traffic/sensor-3/volume traffic-small@1",
                        "traffic/sensor-4/volume economy-large@1");
        assertThat(LastValueForecaster.loaded()).isEqualTo(3);
        assertThat(LastValueForecaster.batchSizes()).containsExactlyInAnyOrder(2, 2, 1);
    }

    @Test
    void refusesANamedModelWhenItsFactoryKnowsOnlyTheDefault() throws Exception {
        start(1, Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.processElement(new ForecastTrigger(
                        series(0), Domain.TRAFFIC, new double[] {1}, START, HOURLY, 2, 1.0, "economy-large"), 0L))
                .hasMessageContaining("model 'economy-large' is named by a stream");
    }

    private void send(int series, int step, double lastValue, int horizon) throws Exception {
        double[] context = {lastValue - 1, Double.NaN, lastValue};
        ForecastTrigger trigger = new ForecastTrigger(series(series), Domain.TRAFFIC, context,
                HOURLY.add(START, step), HOURLY, horizon, 1.0);
        harness.processElement(trigger, timestampOf(step));
    }

    private static long timestampOf(int step) {
        return HOURLY.add(START, step + 1).toEpochMilli() - 1;
    }

    private static SeriesId series(int index) {
        return SeriesId.of("traffic/sensor-" + index + "/volume");
    }
}
